"""The graduate's pages: profile and resume, saved vacancies, applications, offers and interviews."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit import clock
from recruit.extensions import db, limiter
from recruit.labels import label
from recruit.models import ApplicationStatus, Interview, Role
from recruit.reference.education import Degree
from recruit.services.discovery import invitations, recommendations
from recruit.services.hiring import agreements, applications, interviews, offers, saved_vacancies, vacancies
from recruit.services.people import profiles, resume_fields
from recruit.services.universities import registry
from recruit.web.access import roles_required
from recruit.web.graduate.forms import (
    ApplyForm,
    InterviewAnswerForm,
    NoteForm,
    ProfileForm,
    ResumeForm,
    ReturnAgreementForm,
)
from recruit.web.helpers import REFUSED, attempt, flash_success, form_status, perform, safe_next_url
from recruit.web.matching import model_name, record_recommendations
from recruit.web.public.forms import VacancySearchForm, vacancy_query_from
from recruit.web.vacancy_page import render_vacancy

bp = Blueprint("graduate", __name__, url_prefix="/graduate")
graduate_only = roles_required(Role.GRADUATE)


def _profile():
    return current_user.graduate_profile


@bp.route("/")
@graduate_only
def dashboard():
    """The graduate's home: profile completeness, applications at a glance."""
    profile = _profile()
    recommended = recommendations.recommended_vacancies(db.session, profile, model_name(), limit=5)
    page = render_template(
        "graduate/dashboard.html",
        profile=profile,
        completeness=profiles.completeness(profile),
        missing=profiles.missing_required(profile),
        applications=applications.applications_of(db.session, profile)[:5],
        recommended=recommended,
    )
    record_recommendations(profile, recommended)
    return page


@bp.route("/recommendations")
@graduate_only
def list_recommendations():
    """Every recommended vacancy with its reasons, narrowed by the search page's filters."""
    form = VacancySearchForm(request.args)
    form.fill_choices()
    result = None
    if form.validate():
        result = recommendations.recommended_vacancies(
            db.session, _profile(), model_name(), query=vacancy_query_from(form), limit=50
        )
    page = render_template("graduate/recommendations.html", form=form, result=result)
    record_recommendations(_profile(), result)
    return page, 200 if result else 400


@bp.route("/recommendations/<int:vacancy_id>/hide", methods=["POST"])
@graduate_only
def hide_recommendation(vacancy_id: int):
    """Mark a recommended vacancy "not interested": it is never recommended again."""
    vacancy = vacancies.visible_vacancy(db.session, vacancy_id, current_user) or abort(404)
    invitations.dismiss_vacancy(db.session, _profile(), vacancy)
    db.session.commit()
    flash_success(_("Hidden: %(vacancy)s will not be recommended to you again.", vacancy=vacancy.title))
    return redirect(safe_next_url(request.form.get("next")) or url_for("graduate.list_recommendations"))


def _profile_form(profile) -> ProfileForm:
    """The profile form showing the profile as stored (tags as the comma-separated text the form edits)."""
    form = ProfileForm(obj=profile, formdata=None)
    form.fill_choices(registry.open_universities(db.session, also_id=profile.university_id))
    form.degree.data = profile.degree.value if profile.degree else ""
    form.skills.data = ", ".join(profile.skills or [])
    form.preferred_cities.data = ", ".join(profile.preferred_cities or [])
    return form


@bp.route("/profile", methods=["GET", "POST"])
@graduate_only
def edit_profile():
    """Edit the profile."""
    profile = _profile()
    from_resume = None
    if request.method == "GET":
        form = _profile_form(profile)
        if request.args.get("from_resume"):
            from_resume = _fill_from_resume(form, profile)
    else:
        form = ProfileForm()
        form.fill_choices(registry.open_universities(db.session, also_id=profile.university_id))
    if form.validate_on_submit():
        details = profiles.ProfileDetails(
            full_name=form.full_name.data,
            university_id=form.university_id.data,
            student_number=form.student_number.data or "",
            major=form.major.data or "",
            discipline=form.discipline.data or None,
            degree=Degree(form.degree.data) if form.degree.data else None,
            graduation_year=form.graduation_year.data,
            skills=profiles.split_tags(form.skills.data),
            preferred_cities=profiles.split_tags(form.preferred_cities.data),
            preferred_industries=form.preferred_industries.data or [],
            salary_min=form.salary_min.data,
            salary_max=form.salary_max.data,
            about=form.about.data or "",
            province_code=form.province_code.data or None,
            is_visible_to_employers=form.is_visible_to_employers.data,
        )
        if perform(form, lambda: profiles.update_profile(db.session, profile, details)) is not REFUSED:
            flash_success(_("Your profile is saved."))
            return redirect(url_for("graduate.edit_profile"))
    return render_template(
        "graduate/profile.html",
        form=form,
        resume_form=ResumeForm(),
        profile=profile,
        completeness=profiles.completeness(profile),
        missing=profiles.missing_required(profile),
        from_resume=from_resume,
    ), form_status(form)


def _fill_from_resume(form: ProfileForm, profile) -> dict:
    """Put what the resume says into the form (not the profile) and say, per field, what it replaced."""
    found = resume_fields.proposals(db.session, profile, clock.today().year)
    notes = {}
    if "major" in found:
        form.major.data = found["major"]
        notes["major"] = profile.major
    if "degree" in found:
        form.degree.data = found["degree"].value
        notes["degree"] = label(profile.degree) if profile.degree else None
    if "graduation_year" in found:
        form.graduation_year.data = found["graduation_year"]
        notes["graduation_year"] = profile.graduation_year
    if "skills" in found:
        form.skills.data = ", ".join([*(profile.skills or []), *found["skills"]][: profiles.MAX_SKILLS])
        notes["skills"] = ", ".join(found["skills"])
    return notes


@bp.route("/resume", methods=["POST"])
@limiter.limit("20 per hour", key_func=lambda: f"resume-upload:{current_user.get_id()}")
@graduate_only
def upload_resume():
    """Upload or replace the resume PDF."""
    profile = _profile()
    form = ResumeForm()
    if form.validate_on_submit():
        upload_dir = current_app.config["RECRUIT_UPLOAD_DIR"]
        data = form.resume.data.read(profiles.MAX_RESUME_BYTES + 1)
        change = perform(
            form,
            lambda: profiles.store_resume(profile, data, upload_dir),
            on_failed_commit=lambda stored: profiles.remove_resume_file(upload_dir, stored.stored),  # orphaned
        )
        if change is not REFUSED:
            if change.previous:
                profiles.remove_resume_file(upload_dir, change.previous)
            flash_success(_("Your resume is uploaded."))
            return redirect(url_for("graduate.edit_profile", from_resume=1))
    return render_template(
        "graduate/profile.html",
        form=_profile_form(profile),
        resume_form=form,
        profile=profile,
        completeness=profiles.completeness(profile),
        missing=profiles.missing_required(profile),
    ), 422


@bp.route("/resume")
@graduate_only
def download_resume():
    """Download one's own resume."""
    path = profiles.resume_path(_profile(), current_app.config["RECRUIT_UPLOAD_DIR"])
    if path is None or not path.exists():
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True, download_name="resume.pdf")


@bp.route("/vacancies/<int:vacancy_id>/apply", methods=["POST"])
@graduate_only
def apply(vacancy_id: int):
    """Apply to a vacancy with an optional cover letter."""
    vacancy = vacancies.visible_vacancy(db.session, vacancy_id, current_user) or abort(404)
    form = ApplyForm()
    if form.validate_on_submit():
        application = perform(
            form,
            lambda: applications.apply(
                db.session,
                _profile(),
                vacancy,
                form.cover_letter.data or "",
                shares_with_employer=form.shares_with_employer.data,
                fair_id=int(form.fair_id.data) if form.fair_id.data else None,
            ),
        )
        if application is not REFUSED:
            flash_success(_("Your application is sent."))
            return redirect(url_for("graduate.view_application", application_id=application.id))
    return render_vacancy(vacancy, apply_form=form, status=422)


@bp.route("/vacancies/<int:vacancy_id>/save", methods=["POST"])
@graduate_only
def save_vacancy(vacancy_id: int):
    """Save a vacancy, or forget it when `action=unsave`."""
    vacancy = vacancies.visible_vacancy(db.session, vacancy_id, current_user) or abort(404)
    if request.form.get("action") == "unsave":
        saved_vacancies.unsave(db.session, _profile(), vacancy)
    else:
        saved_vacancies.save(db.session, _profile(), vacancy)
    db.session.commit()
    return redirect(url_for("public.view_vacancy", vacancy_id=vacancy.id))


@bp.route("/saved")
@graduate_only
def list_saved():
    """Saved vacancies."""
    return render_template("graduate/saved.html", vacancies=saved_vacancies.saved_vacancies(db.session, _profile()))


@bp.route("/applications")
@graduate_only
def list_applications():
    """My applications with their status."""
    return render_template(
        "graduate/applications.html", applications=applications.applications_of(db.session, _profile())
    )


def _own_application(application_id: int):
    return applications.application_of_graduate(db.session, _profile(), application_id) or abort(404)


def render_application(
    application, move_error=None, note_form=None, answer_form=None, return_form=None, interview=None, status=200
):
    """The page of one of the graduate's applications, with the answers open to them (interview, offer, agreement)."""
    interview = interview or interviews.current_interview(db.session, application)
    agreement = agreements.of_application(db.session, application)
    return render_template(
        "graduate/application.html",
        application=application,
        interview=interview,
        may_answer_interview=interviews.awaits_answer(interview),
        moves=applications.allowed_moves(application, Role.GRADUATE),
        note_form=note_form or NoteForm(),
        answer_form=answer_form or InterviewAnswerForm(),
        offer=offers.offer_of(db.session, application),
        agreement=agreement,
        may_confirm_agreement=agreement is not None and agreements.may(agreement, current_user, "confirm"),
        return_form=return_form or ReturnAgreementForm(),
        move_error=move_error,
    ), status


@bp.route("/applications/<int:application_id>")
@graduate_only
def view_application(application_id: int):
    """One application: its timeline, interview, offer and agreement, and the actions open to the graduate."""
    return render_application(_own_application(application_id))


@bp.route("/applications/<int:application_id>/move", methods=["POST"])
@graduate_only
def move_application(application_id: int):
    """Withdraw, or accept or decline an offer."""
    application = _own_application(application_id)
    form = NoteForm()
    try:
        to_status = ApplicationStatus(request.form.get("to_status", ""))
    except ValueError:
        abort(400)
    if form.validate_on_submit():
        if applications.needs_confirmation(to_status) and request.form.get("confirmed") != "yes":
            return render_template(
                "graduate/confirm_move.html",
                application=application,
                to_status=to_status,
                offer=offers.offer_of(db.session, application),
            )
        result, refusal = attempt(
            lambda: applications.transition(db.session, application, to_status, current_user, form.note.data or "")
        )
        if refusal is not None:
            return render_application(application, move_error=refusal.message, note_form=form, status=409)
        flash_success(_("Done: the application is now %(status)s.", status=label(to_status)))
        if to_status is ApplicationStatus.HIRED and applications.still_open_besides(db.session, application):
            return redirect(url_for("graduate.withdraw_others", application_id=application.id))
    return redirect(url_for("graduate.view_application", application_id=application.id))


@bp.route("/interviews/<int:interview_id>/answer", methods=["POST"])
@graduate_only
def answer_interview(interview_id: int):
    """Confirm an interview time or ask for another."""
    interview = db.session.get(Interview, interview_id) or abort(404)
    application = _own_application(interview.application_id)
    form = InterviewAnswerForm()
    if form.validate_on_submit():
        confirm = form.answer.data == "confirm"
        if (
            perform(
                form, lambda: interviews.respond(db.session, interview, current_user, confirm, form.note.data or "")
            )
            is not REFUSED
        ):
            flash_success(_("Your answer is sent to the employer."))
            return redirect(url_for("graduate.view_application", application_id=application.id))
    return render_application(application, answer_form=form, interview=interview, status=422)

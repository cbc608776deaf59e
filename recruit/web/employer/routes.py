"""The SME employer's pages: company registration and colleagues, vacancies, the hiring pipeline."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, current_app, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit import clock
from recruit.extensions import db
from recruit.labels import label
from recruit.models import Application, ApplicationStatus, EmploymentType, Role, Vacancy
from recruit.reference.education import Degree
from recruit.services.discovery import invitations, recommendations
from recruit.services.hiring import agreements, applications, interviews, offers, vacancies
from recruit.services.people import companies, profiles
from recruit.web.access import roles_required
from recruit.web.employer.forms import BulkRejectForm, CompanyForm, InterviewForm, MoveForm, OfferForm, VacancyForm
from recruit.web.forms_common import InviteForm
from recruit.web.helpers import REFUSED, attempt, flash_success, form_status, id_list, perform
from recruit.web.matching import model_name, record_candidates

bp = Blueprint("employer", __name__, url_prefix="/employer")
employer_only = roles_required(Role.EMPLOYER)


def _company(required: bool = True):
    company = companies.company_of(current_user)
    if company is None and required:
        abort(404)
    return company


@bp.route("/")
@employer_only
def dashboard():
    """The employer's home: the company's standing and its vacancies."""
    company = _company(required=False)
    own_vacancies = vacancies.vacancies_of(db.session, company) if company else []
    counts = {vacancy.id: applications.counts_by_status(db.session, vacancy) for vacancy in own_vacancies}
    return render_template("employer/dashboard.html", company=company, vacancies=own_vacancies, counts=counts)


@bp.route("/company/register", methods=["GET", "POST"])
@employer_only
def register_company():
    """Register the company the employer acts for."""
    if _company(required=False) is not None:
        return redirect(url_for("employer.dashboard"))
    form = CompanyForm()
    form.fill_choices()
    if form.validate_on_submit():
        details = _company_details(form)
        if perform(form, lambda: companies.register_company(db.session, current_user, details)) is not REFUSED:
            flash_success(_("Your company is registered and waits for verification by the campaign operator."))
            return redirect(url_for("employer.dashboard"))
    return render_template("employer/register_company.html", form=form, company=None), form_status(form)


def _company_details(form: CompanyForm) -> companies.CompanyDetails:
    return companies.CompanyDetails(
        name=form.name.data,
        uscc=form.uscc.data,
        industry=form.industry.data,
        industry_division=form.industry_division.data or None,
        province_code=form.province_code.data,
        city=form.city.data,
        employees=form.employees.data,
        annual_revenue=form.annual_revenue.data,
        total_assets=form.total_assets.data,
        is_specialised=form.is_specialised.data,
        description=form.description.data or "",
        website=form.website.data,
        contact_name=form.contact_name.data,
        contact_phone=form.contact_phone.data,
    )


@bp.route("/company/edit", methods=["GET", "POST"])
@employer_only
def edit_company():
    """Correct the company's profile; its credit code stays, and a new name or industry is verified again."""
    company = _company()
    if request.method == "GET":
        form = CompanyForm(obj=company, formdata=None)
        form.industry_division.data = company.industry_division or ""
    else:
        form = CompanyForm()
        form.uscc.data = company.uscc  # not editable: it is who the company is
    form.fill_choices()
    if form.validate_on_submit():
        reverify = perform(
            form, lambda: companies.update_company(db.session, current_user, company, _company_details(form))
        )
        if reverify is not REFUSED:
            flash_success(
                _(
                    "The company profile is saved; the operator verifies the new name or industry before "
                    "your vacancies are shown again."
                )
                if reverify
                else _("The company profile is saved.")
            )
            return redirect(url_for("employer.dashboard"))
    return render_template("employer/register_company.html", form=form, company=company), form_status(form)


@bp.route("/company/invite", methods=["GET", "POST"])
@employer_only
def invite_colleague():
    """Invite a colleague by e-mail to act for the company too."""
    company = _company()
    form = InviteForm()
    if form.validate_on_submit():
        invited = perform(form, lambda: companies.invite_colleague(db.session, company, current_user, form.email.data))
        if invited is not REFUSED:
            flash_success(_("The invitation is on its way to %(email)s.", email=invited[0].email))
            return redirect(url_for("employer.invite_colleague"))
    members = companies.employer_users(db.session, company.id)
    return render_template("employer/invite.html", form=form, company=company, members=members), form_status(form)


def _vacancy_details(form: VacancyForm) -> vacancies.VacancyDetails:
    return vacancies.VacancyDetails(
        title=form.title.data,
        description=form.description.data or "",
        requirements=form.requirements.data or "",
        skills=profiles.split_tags(form.skills.data),
        province_code=form.province_code.data,
        city=form.city.data,
        min_degree=Degree(form.min_degree.data) if form.min_degree.data else None,
        preferred_majors=profiles.split_tags(form.preferred_majors.data),
        salary_min=form.salary_min.data,
        salary_max=form.salary_max.data,
        headcount=form.headcount.data,
        employment_type=EmploymentType(form.employment_type.data),
        deadline=form.deadline.data,
    )


@bp.route("/vacancies/new", methods=["GET", "POST"])
@employer_only
def create_vacancy():
    """Write a new vacancy, as a draft or published at once."""
    company = _company()
    form = VacancyForm(province_code=company.province_code, city=company.city)
    form.fill_choices()
    if form.validate_on_submit():
        details, publish = _vacancy_details(form), bool(form.publish.data)
        vacancy = perform(form, lambda: vacancies.create_vacancy(db.session, current_user, company, details, publish))
        if vacancy is not REFUSED:
            flash_success(_("The vacancy is saved as %(status)s.", status=label(vacancy.status)))
            return redirect(url_for("employer.list_applicants", vacancy_id=vacancy.id))
    return _render_vacancy_form(form, None, company)


def _render_vacancy_form(form: VacancyForm, vacancy: Vacancy | None, company):
    return render_template(
        "employer/vacancy_form.html",
        form=form,
        vacancy=vacancy,
        company=company,
        may_save_draft=vacancy is None or vacancies.is_draft(vacancy),
        is_published=vacancy is not None and vacancies.is_published(vacancy),
        company_may_publish=companies.can_publish(company),
    ), form_status(form)


def _own_vacancy(vacancy_id: int) -> Vacancy:
    vacancy = db.session.get(Vacancy, vacancy_id)
    company = _company()
    if vacancy is None or vacancy.company_id != company.id:
        abort(404)
    return vacancy


@bp.route("/vacancies/<int:vacancy_id>/edit", methods=["GET", "POST"])
@employer_only
def edit_vacancy(vacancy_id: int):
    """Edit a vacancy; a published one keeps its applications."""
    vacancy = _own_vacancy(vacancy_id)
    form = VacancyForm(obj=vacancy) if request.method == "GET" else VacancyForm()
    form.fill_choices()
    if request.method == "GET":
        form.skills.data = ", ".join(vacancy.skills or [])
        form.preferred_majors.data = ", ".join(vacancy.preferred_majors or [])
        form.min_degree.data = vacancy.min_degree.value if vacancy.min_degree else ""
        form.employment_type.data = vacancy.employment_type.value
    if form.validate_on_submit():

        def save():
            vacancies.update_vacancy(db.session, current_user, vacancy, _vacancy_details(form))
            if form.publish.data and vacancies.is_draft(vacancy):
                vacancies.publish_vacancy(db.session, current_user, vacancy)

        if perform(form, save) is not REFUSED:
            flash_success(_("The vacancy is saved."))
            return redirect(url_for("employer.list_applicants", vacancy_id=vacancy.id))
    return _render_vacancy_form(form, vacancy, vacancy.company)


@bp.route("/vacancies/<int:vacancy_id>/status", methods=["POST"])
@employer_only
def change_vacancy_status(vacancy_id: int):
    """Publish a draft, or close a vacancy."""
    vacancy = _own_vacancy(vacancy_id)
    changes = {"publish": vacancies.publish_vacancy, "close": vacancies.close_vacancy}
    change = changes.get(request.form.get("action")) or abort(400)
    result, refusal = attempt(lambda: change(db.session, current_user, vacancy))
    if refusal is not None:
        return _render_applicants(vacancy, error=refusal.message, status=409)
    flash_success(_("The vacancy is now %(status)s.", status=label(vacancy.status)))
    return redirect(url_for("employer.list_applicants", vacancy_id=vacancy.id))


def _render_applicants(vacancy: Vacancy, error=None, status: int = 200, reject_form=None):
    status_filter = request.args.get("status") or None
    try:
        chosen = ApplicationStatus(status_filter) if status_filter else None
    except ValueError:
        chosen = None
    sort = request.args.get("sort", "newest")
    rows = applications.applicants(
        db.session, vacancy, chosen, sort if sort in applications.APPLICANT_SORTS else "newest"
    )
    return render_template(
        "employer/applicants.html",
        vacancy=vacancy,
        actions=vacancies.actions_for(vacancy),
        rows=rows,
        chosen=chosen,
        sort=sort,
        counts=applications.counts_by_status(db.session, vacancy),
        statuses=list(ApplicationStatus),
        reject_form=reject_form or BulkRejectForm(),
        error=error,
    ), status


@bp.route("/vacancies/<int:vacancy_id>/applicants")
@employer_only
def list_applicants(vacancy_id: int):
    """A vacancy's applicants, filtered and sorted."""
    return _render_applicants(_own_vacancy(vacancy_id))


@bp.route("/vacancies/<int:vacancy_id>/reject", methods=["POST"])
@employer_only
def reject_applicants(vacancy_id: int):
    """Reject several applicants at once with one message."""
    vacancy = _own_vacancy(vacancy_id)
    form = BulkRejectForm()
    ids = id_list(request.form.getlist("application_ids"))
    chosen = [applications.application_for_employer(db.session, current_user, i) for i in ids]
    if form.validate_on_submit():
        if any(a is None or a.vacancy_id != vacancy.id for a in chosen):
            abort(404)
        count, refusal = attempt(
            lambda: applications.reject_many(db.session, chosen, current_user, form.note.data or "")
        )
        if refusal is not None:
            return _render_applicants(vacancy, error=refusal.message, status=409, reject_form=form)
        flash_success(_("%(n)d applicants were told.", n=count))
    return redirect(url_for("employer.list_applicants", vacancy_id=vacancy.id))


def _render_candidates(vacancy: Vacancy, error=None, status: int = 200):
    result = recommendations.recommended_candidates(db.session, vacancy, model_name(), limit=30)
    page = render_template("employer/candidates.html", vacancy=vacancy, result=result, error=error)
    if status == 200:
        record_candidates(vacancy, result)
    return page, status


@bp.route("/vacancies/<int:vacancy_id>/candidates")
@employer_only
def list_candidates(vacancy_id: int):
    """The graduates (visible to employers) who fit a vacancy best, with the reasons."""
    return _render_candidates(_own_vacancy(vacancy_id))


@bp.route("/vacancies/<int:vacancy_id>/candidates/<int:graduate_id>")
@employer_only
def view_candidate(vacancy_id: int, graduate_id: int):
    """What a recommended graduate made visible to employers (no resume or contact until they apply)."""
    vacancy = _own_vacancy(vacancy_id)
    profile = recommendations.visible_candidate(db.session, graduate_id) or abort(404)
    return render_template(
        "employer/candidate.html",
        vacancy=vacancy,
        profile=profile,
        is_invited=invitations.is_invited(db.session, vacancy, profile),
    )


@bp.route("/vacancies/<int:vacancy_id>/candidates/<int:graduate_id>/invite", methods=["POST"])
@employer_only
def invite_candidate(vacancy_id: int, graduate_id: int):
    """Invite a recommended graduate to apply; they are notified."""
    vacancy = _own_vacancy(vacancy_id)
    if recommendations.visible_candidate(db.session, graduate_id) is None:
        abort(404)  # an invisible graduate is not there at all, as far as an employer can tell
    result, refusal = attempt(lambda: invitations.invite_to_apply(db.session, vacancy, graduate_id, current_user))
    if refusal is not None:
        return _render_candidates(vacancy, error=refusal.message, status=409)
    flash_success(_("Invitation sent."))
    return redirect(url_for("employer.list_candidates", vacancy_id=vacancy.id))


def _own_application(application_id: int) -> Application:
    return applications.application_for_employer(db.session, current_user, application_id) or abort(404)


def render_application(
    application: Application, move_form=None, interview_form=None, offer_form=None, error=None, status=200
):
    """The page of one application to the company, with the forms of the moves open to the employer."""
    return render_template(
        "employer/application.html",
        application=application,
        profile=application.graduate,
        interview=interviews.current_interview(db.session, application),
        moves=applications.employer_actions(application),
        move_form=move_form or MoveForm(),
        may_schedule=applications.may_schedule_interview(application),
        interview_form=interview_form or InterviewForm(),
        may_offer=applications.may_make_offer(application),
        offer_form=offer_form or OfferForm(),
        offer=offers.offer_of(db.session, application),
        agreement=agreements.of_application(db.session, application),
        error=error,
    ), status


@bp.route("/applications/<int:application_id>")
@employer_only
def view_application(application_id: int):
    """One applicant: profile, cover letter, timeline (reading it changes nothing)."""
    return render_application(_own_application(application_id))


@bp.route("/applications/<int:application_id>/open", methods=["POST"])
@employer_only
def open_application(application_id: int):
    """Open an applicant from the list: a submitted application counts as read, and the graduate is told."""
    application = _own_application(application_id)
    applications.mark_viewed(db.session, application, current_user)
    db.session.commit()
    return redirect(url_for("employer.view_application", application_id=application.id))


@bp.route("/applications/<int:application_id>/move", methods=["POST"])
@employer_only
def move_application(application_id: int):
    """Shortlist, offer or reject an applicant, with an optional note."""
    application = _own_application(application_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        to_status = ApplicationStatus(form.to_status.data)
    except ValueError:
        abort(400)
    result, refusal = attempt(
        lambda: applications.transition(db.session, application, to_status, current_user, form.note.data or "")
    )
    if refusal is not None:
        return render_application(application, move_form=form, error=refusal.message, status=409)
    flash_success(_("The application is now %(status)s.", status=label(to_status)))
    return redirect(url_for("employer.view_application", application_id=application.id))


@bp.route("/applications/<int:application_id>/interview", methods=["POST"])
@employer_only
def schedule_interview(application_id: int):
    """Invite a shortlisted applicant to an interview (or propose a new time)."""
    application = _own_application(application_id)
    form = InterviewForm()
    if form.validate_on_submit():
        zone = clock.zone()
        scheduled_at = datetime.combine(form.scheduled_at.data.date(), form.scheduled_at.data.time(), zone)
        proposal = {
            "scheduled_at": scheduled_at,
            "duration_minutes": form.duration_minutes.data,
            "location": form.location.data or "",
            "online_url": form.online_url.data or "",
            "notes": form.notes.data or "",
        }
        if perform(form, lambda: interviews.schedule(db.session, application, current_user, **proposal)) is not REFUSED:
            flash_success(_("The interview invitation is sent."))
            return redirect(url_for("employer.view_application", application_id=application.id))
    return render_application(application, interview_form=form, status=422)


@bp.route("/applications/<int:application_id>/resume")
@employer_only
def download_resume(application_id: int):
    """Download the resume of someone who applied to the company."""
    application = _own_application(application_id)
    profile = application.graduate
    if not profiles.may_download_resume(db.session, current_user, profile):
        abort(403)
    path = profiles.resume_path(profile, current_app.config["RECRUIT_UPLOAD_DIR"])
    if path is None or not path.exists():
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True, download_name=f"resume-{application.id}.pdf")

"""Pages for everyone: the landing page, vacancy search, vacancy and company pages, privacy, language."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_login import current_user

from recruit import clock
from recruit.extensions import db
from recruit.models import Company, CompanyStatus
from recruit.services.campaign import statistics
from recruit.services.discovery.meaning import search_with_meaning
from recruit.services.hiring import vacancies
from recruit.services.people import accounts, consents
from recruit.web.access import public
from recruit.web.helpers import safe_next_url
from recruit.web.i18n import LANGUAGES
from recruit.web.matching import model_name, query_embedder, record_search_results
from recruit.web.public.forms import VacancySearchForm, vacancy_query_from
from recruit.web.vacancy_page import render_vacancy

bp = Blueprint("public", __name__)


@bp.route("/")
@public
def index():
    """The landing page: what the campaign is and how to take part."""
    return render_template("public/index.html", totals=statistics.public_totals(db.session))


@bp.route("/vacancies")
@public
def search():
    """Search open vacancies by keywords and filters."""
    form = VacancySearchForm(request.args)
    form.fill_choices()
    page, by_meaning = None, []
    if form.validate():
        results = search_with_meaning(db.session, vacancy_query_from(form), model_name(), query_embedder())
        page, by_meaning = results.page, results.by_meaning
    html = render_template(
        "public/search.html",
        form=form,
        page=page,
        by_meaning=by_meaning,
        args=request.args.to_dict(),
        vacancy_url_prefix=url_for("public.view_vacancy", vacancy_id=0)[:-1],
    )
    record_search_results(page, by_meaning)
    return html, 200 if page is not None else 400


@bp.route("/vacancies/<int:vacancy_id>")
@public
def view_vacancy(vacancy_id: int):
    """A vacancy's page."""
    return render_vacancy(vacancies.visible_vacancy(db.session, vacancy_id, current_user) or abort(404))


@bp.route("/jobs")
@public
def legacy_search():
    """The search page's old address (links in e-mails sent before vacancies were called so): moved for good."""
    return redirect(url_for("public.search", **request.args.to_dict(flat=False)), 301)


@bp.route("/jobs/<int:vacancy_id>")
@public
def legacy_vacancy(vacancy_id: int):
    """A vacancy page's old address: moved for good."""
    return redirect(url_for("public.view_vacancy", vacancy_id=vacancy_id), 301)


@bp.route("/companies/<int:company_id>")
@public
def view_company(company_id: int):
    """A verified company's page with its open vacancies."""
    company = db.session.get(Company, company_id)
    if company is None or company.status is not CompanyStatus.VERIFIED:
        abort(404)
    return render_template(
        "public/company.html",
        company=company,
        vacancies=vacancies.open_vacancies_of(db.session, company, clock.today()),
    )


@bp.route("/privacy")
@public
def privacy():
    """The privacy notice every registering user accepts."""
    return render_template("public/privacy.html", notice_version=consents.PRIVACY_NOTICE_VERSION)


@bp.route("/favicon.ico")
@public
def favicon():
    """The site's icon, where browsers look for it."""
    return send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600
    )


@bp.route("/language/<code>", methods=["POST"])
@public
def set_language(code: str):
    """Switch the interface language and go back to the page the user was on."""
    if code in LANGUAGES:
        session["lang"] = code
        if current_user.is_authenticated:
            accounts.set_locale(current_user, code)
            db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or "/")

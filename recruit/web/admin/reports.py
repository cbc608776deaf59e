"""The operator's reported conversations: read what was reported, and close the conversation or leave it open."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db
from recruit.models import ConversationMessage, ConversationReport, Role
from recruit.services.messaging import conversations
from recruit.services.oversight import audit
from recruit.web.access import roles_required
from recruit.web.admin.forms import ReportDecisionForm
from recruit.web.admin.routes import bp
from recruit.web.helpers import audited_read, flash_success

operator_only = roles_required(Role.OPERATOR)
LAST_MESSAGES = 20


@bp.route("/reports")
@operator_only
@audited_read
def list_reports():
    """Reports not yet dealt with, each with the conversation's last messages."""
    reports = conversations.open_reports(db.session)
    recent = {
        entry.id: db.session.query(ConversationMessage)
        .filter_by(conversation_id=entry.conversation_id)
        .order_by(ConversationMessage.id.desc())
        .limit(LAST_MESSAGES)
        .all()[::-1]
        for entry in reports
    }
    if reports:
        audit.record(db.session, current_user, "personal_data.read", None, {"table": "conversation_reports"})
        db.session.commit()
    return render_template("admin/reports.html", reports=reports, recent=recent, form=ReportDecisionForm())


@bp.route("/reports/<int:report_id>", methods=["POST"])
@operator_only
def resolve_report(report_id: int):
    """Deal with a report: close the conversation, or leave it open."""
    entry = db.session.get(ConversationReport, report_id) or abort(404)
    form = ReportDecisionForm()
    if not form.validate_on_submit() or form.decision.data not in ("close", "keep"):
        abort(400)
    conversations.resolve(db.session, entry, current_user, close_it=form.decision.data == "close")
    db.session.commit()
    flash_success(_("The report is dealt with."))
    return redirect(url_for("admin.list_reports"))

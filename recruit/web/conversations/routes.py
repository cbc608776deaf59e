"""Conversations between a graduate and a company: the list, one thread, writing, closing, reporting, and (for the
graduate) sharing their e-mail address."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.extensions import db
from recruit.models import Application, FairBooth, Role
from recruit.services.hiring import applications
from recruit.services.messaging import conversations
from recruit.web.access import roles_required
from recruit.web.conversations.forms import MessageForm, ReportForm, StartForm
from recruit.web.helpers import REFUSED, attempt, flash_success, perform

bp = Blueprint("conversations", __name__, url_prefix="/conversations")
two_sides = roles_required(Role.GRADUATE, Role.EMPLOYER)


def _own(conversation_id: int):
    return conversations.visible_to(db.session, current_user, conversation_id) or abort(404)


@bp.route("")
@two_sides
def list_conversations():
    """The conversations of the signed-in graduate or company, the latest first, with unread counts."""
    return render_template("conversations/list.html", conversations=conversations.of_user(db.session, current_user))


def _render(conversation, form=None, report_form=None, error=None, status=200):
    shown = conversations.messages(db.session, conversation, current_user)
    db.session.commit()  # the other side's messages are now read
    return render_template(
        "conversations/thread.html",
        conversation=conversation,
        messages=shown,
        form=form or MessageForm(),
        report_form=report_form or ReportForm(),
        error=error,
        is_graduate=current_user.role is Role.GRADUATE,
    ), status


@bp.route("/<int:conversation_id>", methods=["GET", "POST"])
@two_sides
def view_conversation(conversation_id: int):
    """One conversation: its messages (read now), and a message to write."""
    conversation = _own(conversation_id)
    form = MessageForm()
    if form.validate_on_submit():
        if (
            perform(form, lambda: conversations.write(db.session, conversation, current_user, form.body.data))
            is not REFUSED
        ):
            return redirect(url_for("conversations.view_conversation", conversation_id=conversation.id))
        return _render(conversation, form=form, status=409)
    return _render(conversation, form=form, status=422 if form.is_submitted() else 200)


view_conversation.records_reads = True  # reading it marks the other side's messages read


@bp.route("/start", methods=["POST"])
@two_sides
def start_conversation():
    """Open (or return to) the conversation about an application, or a graduate's question at a fair's booth."""
    form = StartForm()
    if not form.validate_on_submit() or not (form.application_id.data or form.booth_id.data):
        abort(400)
    if form.application_id.data:
        application = db.session.get(Application, int(form.application_id.data))
        mine = application is not None and (
            applications.application_of_graduate(db.session, current_user.graduate_profile, application.id)
            if current_user.role is Role.GRADUATE
            else applications.application_for_employer(db.session, current_user, application.id)
        )
        if not mine:
            abort(404)
        graduate, company, booth = application.graduate, application.vacancy.company, None
        subject = application.vacancy.title
    else:
        booth = db.session.get(FairBooth, int(form.booth_id.data))
        if booth is None or current_user.role is not Role.GRADUATE:
            abort(404)
        graduate, company, subject = current_user.graduate_profile, booth.company, booth.fair.name
    conversation, refusal = attempt(
        lambda: conversations.open_with(db.session, current_user, graduate, company, subject, booth=booth)
    )
    if refusal is not None:
        return render_template("conversations/refused.html", message=refusal.message), 409
    return redirect(url_for("conversations.view_conversation", conversation_id=conversation.id))


@bp.route("/<int:conversation_id>/close", methods=["POST"])
@two_sides
def close_conversation(conversation_id: int):
    """Close the conversation: neither side can write in it any more."""
    conversation = _own(conversation_id)
    if not StartForm().validate_on_submit():
        abort(400)
    conversations.close(db.session, conversation, current_user)
    db.session.commit()
    flash_success(_("The conversation is closed."))
    return redirect(url_for("conversations.view_conversation", conversation_id=conversation.id))


@bp.route("/<int:conversation_id>/share-contact", methods=["POST"])
@roles_required(Role.GRADUATE)
def share_contact(conversation_id: int):
    """Show the company your e-mail address in this conversation."""
    conversation = _own(conversation_id)
    if not StartForm().validate_on_submit():
        abort(400)
    conversations.share_contact(db.session, conversation, current_user)
    db.session.commit()
    flash_success(_("The company can now see your e-mail address."))
    return redirect(url_for("conversations.view_conversation", conversation_id=conversation.id))


@bp.route("/<int:conversation_id>/report", methods=["POST"])
@two_sides
def report_conversation(conversation_id: int):
    """Report the conversation to the operator."""
    conversation = _own(conversation_id)
    form = ReportForm()
    if form.validate_on_submit():
        if (
            perform(form, lambda: conversations.report(db.session, conversation, current_user, form.reason.data))
            is not REFUSED
        ):
            flash_success(_("Thank you: the operator will look at it."))
            return redirect(url_for("conversations.view_conversation", conversation_id=conversation.id))
    return _render(conversation, report_form=form, status=422)

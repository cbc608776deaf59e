"""The business rules, as plain functions that take a session and never need a request.

Grouped by area: `people` (accounts, graduates' profiles, companies), `hiring` (vacancies, applications,
interviews), `discovery` (search, recommendations and what keeps them fresh), `campaign` (the 100-day
campaign, its phases, announcements and figures), `messaging` (notifications, the outbox and its delivery,
fan-outs), `universities` (career offices' rosters and placement figures), `oversight` (the audit log and the
operator's listings). Shared by all: `errors` (what a refused
action raises) and `web_addresses` (the one rule for addresses people give). Services flush; their caller
commits (docs/architecture.md).
"""

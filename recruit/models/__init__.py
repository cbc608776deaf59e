"""All models, imported here so that metadata (and Alembic) sees every table."""

from recruit.models.accounts import (
    DigestFrequency,
    EmailVerification,
    PasswordReset,
    RecoveryCode,
    Role,
    User,
    UserSession,
)
from recruit.models.applications import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Interview,
    InterviewStatus,
)
from recruit.models.audit import AuditEntry
from recruit.models.base import Base
from recruit.models.campaigns import Campaign, CampaignPhase
from recruit.models.companies import Company, CompanyInvitation, CompanyMember, CompanyStatus, SizeClass
from recruit.models.consents import Consent, ConsentKind
from recruit.models.conversations import Conversation, ConversationMessage, ConversationReport
from recruit.models.fairs import BoothStatus, FairBooth, FairBoothVacancy, FairRegistration, FairVisit, JobFair
from recruit.models.feedback import (
    Action,
    ExposureDay,
    ExposureTally,
    Impression,
    Interaction,
    RankerModel,
    Surface,
)
from recruit.models.graduates import GraduateProfile
from recruit.models.matching import ApplyInvitation, DismissedVacancy, Embedding, EmbeddingOwner
from recruit.models.notifications import Announcement, Notification, OutboxEmail, OutboxStatus
from recruit.models.nudges import Nudge, NudgeRecipient
from recruit.models.outcomes import AgreementStatus, EmploymentAgreement, FollowUp, Offer, SubsidyRule
from recruit.models.rosters import RosterEntry
from recruit.models.snapshots import FiguresSnapshot, UniversityFigures
from recruit.models.system import Lease
from recruit.models.universities import CareerOfficeInvitation, University
from recruit.models.vacancies import EmploymentType, SavedVacancy, Vacancy, VacancySearchDocument, VacancyStatus
from recruit.reference.education import Degree

__all__ = [
    "RankerModel",
    "Action",
    "ExposureDay",
    "ExposureTally",
    "Impression",
    "Interaction",
    "Surface",
    "ConversationReport",
    "ConversationMessage",
    "Conversation",
    "JobFair",
    "FairVisit",
    "FairRegistration",
    "FairBoothVacancy",
    "FairBooth",
    "BoothStatus",
    "AgreementStatus",
    "Announcement",
    "Application",
    "ApplicationEvent",
    "ApplyInvitation",
    "ApplicationStatus",
    "AuditEntry",
    "Base",
    "Campaign",
    "CareerOfficeInvitation",
    "CampaignPhase",
    "Company",
    "CompanyInvitation",
    "CompanyMember",
    "CompanyStatus",
    "Consent",
    "ConsentKind",
    "Degree",
    "DigestFrequency",
    "DismissedVacancy",
    "EmailVerification",
    "Embedding",
    "EmbeddingOwner",
    "EmploymentAgreement",
    "EmploymentType",
    "FiguresSnapshot",
    "FollowUp",
    "GraduateProfile",
    "Interview",
    "InterviewStatus",
    "Vacancy",
    "VacancySearchDocument",
    "VacancyStatus",
    "Lease",
    "Notification",
    "Nudge",
    "Offer",
    "NudgeRecipient",
    "OutboxEmail",
    "OutboxStatus",
    "PasswordReset",
    "RecoveryCode",
    "Role",
    "RosterEntry",
    "SavedVacancy",
    "SizeClass",
    "SubsidyRule",
    "University",
    "UniversityFigures",
    "User",
    "UserSession",
]

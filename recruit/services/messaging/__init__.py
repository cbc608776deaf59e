"""Reaching people: notifications in the inbox, e-mail written to the outbox (`outbox`) and delivered from it
(`delivery`, over `recruit.smtp`), digests, reminders, and fan-outs to many recipients."""

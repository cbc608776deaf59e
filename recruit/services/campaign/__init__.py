"""The 100-day campaign: its phases and their messages, announcements, the public figures, and its closing."""

"""People and organisations: accounts and log-in sessions, passwords, graduates' profiles, companies."""

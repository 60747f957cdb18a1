"""Commands that load demo data and prepare a demo login."""

"""Admin for the rosters: large and small groups with their members, committees, member places."""

from . import committees, members, rosters  # noqa: F401  (each module registers its admins)

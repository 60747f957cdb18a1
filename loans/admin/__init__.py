"""Admin of the loans app: loans, the repayment import, snapshots and the monitor's dashboard."""

from . import loans, monitor, repayments  # noqa: F401  (each module registers its admins)

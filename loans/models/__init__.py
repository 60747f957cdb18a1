"""Loans, guarantees, the bank's repayment reports and the monitor's monthly snapshots."""

from .loans import Loan, LoanGuarantor, LoanStatus
from .monitor import (
    LargeGroupSnapshot,
    MonitorDashboard,
    NetworkSnapshot,
    ReportMonth,
    StatusTransition,
    TransitionKind,
)
from .repayments import Repayment, RepaymentImport

__all__ = [
    "LargeGroupSnapshot",
    "Loan",
    "LoanGuarantor",
    "LoanStatus",
    "MonitorDashboard",
    "NetworkSnapshot",
    "Repayment",
    "RepaymentImport",
    "ReportMonth",
    "StatusTransition",
    "TransitionKind",
]

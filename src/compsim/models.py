"""Frozen value objects: a Scenario (facts only) and a Decision (one policy's answer to it).

The scenario classes are also the schema of the scenario file format (docs/scenario-format.md
is generated from them): each field's metadata says how the loader reads it (``kind``),
which values it allows (``choices``, ``minimum``, ``maximum``), its TOML name when that
differs from the attribute (``key``), where a default comes from when it depends on other
fields (``default_from``), and what it means (``help``). The loader, the validators, the
documentation (compsim.schema) and the hypothesis strategies all read this one definition.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from compsim.money import ZERO
from compsim.slot_init import stores_through_slots

# Choices are part of the published scenario format: add, never rename.
TENURES = (
    "assured-tenant",
    "secure-tenant",
    "leaseholder",
    "shared-owner",
    "freeholder",
    "facility-user",
    "other",
)
VULNERABILITIES = (
    "disability",
    "older-person",
    "young-children",
    "mental-health",
    "language",
    "other",
)
FAILURE_KINDS = (
    "repair-delay",
    "missed-appointment",
    "loss-of-amenity",
    "loss-of-room",
    "complaint-handling",
    "charged-service-not-delivered",
    "damage-to-belongings",
    "damage-to-decoration",
    "communication",
    "works-nuisance",
    "decant",
    "other",
)
CAUSES = ("landlord", "contractor", "third-party", "resident", "extreme-weather")
RESPONSIBILITIES = ("full", "partial", "none")
DISTRESS_LEVELS = ("none", "minimal", "moderate", "considerable", "severe")
ACTION_PLANS = ("none", "agreed-kept", "agreed-broken")
AMENITIES = (
    "kitchen",
    "bathroom",
    "wc",
    "living-room",
    "bedroom",
    "heating",
    "hot-water",
    "electricity",
    "lighting",
    "water",
    "other-room",
)
COST_KINDS = (
    "heating",
    "utilities",
    "accommodation",
    "food",
    "cleaning",
    "repairs",
    "travel",
    "time-off-work",
    "advocate",
    "other",
)
ITEM_KINDS = ("belongings", "decoration", "floor-covering")
DAMAGE_CAUSES = ("leak", "flood", "fire", "other", "repair-work")
PROCEEDINGS = ("none", "threatened", "started", "court-ordered")
DECANT_REASONS = ("demolition", "redevelopment", "major-repairs", "other")
FINDINGS = ("service-failure", "maladministration", "severe-maladministration")
SPLITS = ("fit", "held-out")
# One-off events are incurred on dates.occurred; every other kind is a continuing failure
# that runs to its loss end (RULES.md, common readings).
ONE_OFF_KINDS = ("missed-appointment", "damage-to-belongings", "damage-to-decoration")

# Bounds of the format (documented in docs/scenario-format.md): values outside them are
# refused by the loader, so no claim can make a plugin count billions of days or pounds.
DATE_MIN = date(1950, 1, 1)
DATE_MAX = date(2099, 12, 31)
MONEY_MAX = Decimal(1_000_000)  # any one amount, in pounds
NUMBER_MAX = Decimal(10_000)
INT_MAX = 10_000  # unless a field declares its own maximum
TEXT_MAX = 10_000  # characters in one text value
LIST_MAX = 50  # entries in a list of text or choices
ENTRY_MAX = 2_000  # characters in one entry of a list of text
SECTIONS_MAX = 100  # entries in an array of tables ([[costs]] ...)
DEPTH_MAX = 8  # tables and lists nested in one another

PUBLISHED = "published"
ASSUMPTION = "assumption"
DRAFT = "draft"  # a value the user changed (--set, or a --params draft file)
BASES = (PUBLISHED, ASSUMPTION, DRAFT)


def strongest_basis(*bases: str) -> str:
    """``draft`` over ``assumption`` over ``published``: the basis of a figure resting on all
    of these."""
    if DRAFT in bases:
        return DRAFT
    return ASSUMPTION if ASSUMPTION in bases else PUBLISHED


def _spec(kind: str, default: Any = attrs.NOTHING, **metadata: Any) -> Any:
    """A scenario field: ``kind`` tells the loader how to read and check it."""
    return attrs.field(default=default, metadata={"kind": kind, **metadata})


def required(kind: str, **metadata: Any) -> Any:
    return _spec(kind, **metadata)


def optional(kind: str, default: Any = None, **metadata: Any) -> Any:
    return _spec(kind, default, **metadata)


def derived(kind: str, default_from: str, **metadata: Any) -> Any:
    """A field whose default depends on other fields; the loader fills it (see scenarios.py)."""
    return _spec(kind, None, default_from=default_from, **metadata)


def section(cls: type, help: str = "") -> Any:
    return attrs.field(factory=cls, metadata={"kind": "section", "type": cls, "help": help})


def sections(cls: type, help: str = "") -> Any:
    return attrs.field(default=(), metadata={"kind": "sections", "type": cls, "help": help})


# ---------------------------------------------------------------- the scenario


@stores_through_slots
@attrs.frozen(kw_only=True)
class Household:
    tenure: str = optional(
        "choice", "assured-tenant", choices=TENURES, help="the claimant's relation to the landlord"
    )
    weekly_rent: Decimal = optional(
        "money", ZERO, help="net rent payable a week, without service charges"
    )
    weekly_service_charge: Decimal = optional("money", ZERO, help="service charges payable a week")
    named_tenants: int = optional(
        "int", 1, minimum=1, maximum=20, help="how many tenants are named on the tenancy"
    )
    months_in_home: int | None = optional(
        "int",
        minimum=0,
        maximum=1200,
        help="how long the claimant has lived there, in months (none: not known)",
    )
    vulnerabilities: tuple[str, ...] = optional(
        "choices", (), choices=VULNERABILITIES, help="circumstances that worsen impact"
    )
    contents_insurance: bool = optional(
        "bool", False, help="whether the claimant holds home contents insurance"
    )
    separate_wc: bool = optional("bool", False, help="a WC separate from the bathroom")


@stores_through_slots
@attrs.frozen(kw_only=True)
class Account:
    rent_arrears: Decimal = optional("money", ZERO, help="rent the claimant owes")
    service_charge_arrears: Decimal = optional(
        "money", ZERO, help="service charges the claimant owes"
    )
    other_debts: Decimal = optional(
        "money", ZERO, help="rechargeable repairs and other sums owed to the landlord"
    )
    offset_agreed: bool = optional(
        "bool", True, help="the claimant agrees to deductions where a policy needs agreement"
    )

    @property
    def total_owed(self) -> Decimal:
        return self.rent_arrears + self.service_charge_arrears + self.other_debts


@stores_through_slots
@attrs.frozen(kw_only=True)
class Failure:
    kind: str = required("choice", choices=FAILURE_KINDS, help="the main service failure")
    cause: str = optional(
        "choice",
        "landlord",
        choices=CAUSES,
        help="who or what caused it; a neighbour's leak or a utility company is third-party",
    )
    responsibility: str = derived(
        "choice",
        "full when cause is landlord or contractor, else none",
        choices=RESPONSIBILITIES,
        help="the landlord's degree of responsibility",
    )
    distress: str = optional(
        "choice",
        "moderate",
        choices=DISTRESS_LEVELS,
        help="the assessor's policy-neutral view of the inconvenience and distress suffered",
    )
    reports: int = optional(
        "int", 1, minimum=1, maximum=1000, help="how many times the claimant reported the problem"
    )
    persistent: bool = optional(
        "bool",
        False,
        help="a persistent failure over a protracted time, "
        "or an unacceptable number of attempts to resolve",
    )
    misled: bool = optional(
        "bool", False, help="the claimant was led to believe something would (or would not) happen"
    )
    access_refused: bool = optional(
        "bool", False, help="the claimant did not give access for the work"
    )
    action_plan: str = optional(
        "choice", "none", choices=ACTION_PLANS, help="an action plan communicated in advance"
    )
    extension_explained: bool = optional(
        "bool",
        False,
        help="the repair time was extended for a genuine reason and the claimant was told",
    )
    appointment_notice_hours: Decimal | None = optional(
        "number",
        help="for a missed appointment: notice given before it was cancelled, in hours (0 = none)",
    )
    missed_appointments: int = derived(
        "int",
        "1 for a missed-appointment failure, else 0",
        minimum=0,
        maximum=1000,
        help="how many appointments the landlord missed",
    )
    ombudsman_finding: str = optional(
        "choice",
        "not-given",
        choices=("not-given", *FINDINGS),
        help="the Housing Ombudsman's finding on this failure, where one was made or is "
        "supposed (only the Ombudsman reference reads it)",
    )


@stores_through_slots
@attrs.frozen(kw_only=True)
class Dates:
    occurred: date = required("date", help="the failure, loss or damage began")
    aware: date = derived("date", "dates.occurred", help="the claimant became aware of it")
    reported: date = derived("date", "dates.aware", help="first reported to the landlord")
    repair_target: date | None = optional(
        "date", help="the date the repair was due under the landlord's standard"
    )
    resolved: date | None = optional(
        "date", help="the failure was put right (none: still ongoing when claimed)"
    )
    claimed: date = required("date", help="the compensation claim was made")
    offer_made: date | None = optional("date", help="the landlord made its offer")
    offer_accepted: date | None = optional("date", help="the claimant accepted it")
    # added to format 1 (optional): when the award was confirmed to the claimant, and when
    # the claimant gave bank details (payment deadlines run from these: STAR 8.1, Clarion 6.6)
    award_confirmed: date | None = optional(
        "date", help="the award was confirmed to the claimant (payment deadlines run from it)"
    )
    bank_details_given: date | None = optional(
        "date", help="the claimant gave bank details for the payment"
    )

    @property
    def loss_end(self) -> date:
        """When the loss ended: ``resolved`` when given, even after ``claimed`` (compensation
        is assessed once the work is done); without it the failure was still going on at the
        claim, so ``claimed``."""
        return self.resolved if self.resolved is not None else self.claimed


@stores_through_slots
@attrs.frozen(kw_only=True)
class Claim:
    exceptional_circumstances: bool = optional("bool", False, help="evidence explains a late claim")
    evidence_supplied: bool = optional("bool", True, help="evidence asked for was supplied")
    via_representative: bool = optional(
        "bool", False, help="made by someone acting for the claimant"
    )


@stores_through_slots
@attrs.frozen(kw_only=True)
class AmenityLoss:
    amenity: str = required("choice", choices=AMENITIES, help="the amenity or room lost")
    count: int = optional("int", 1, minimum=1, maximum=20, help="how many, e.g. two bedrooms")
    in_use: bool = optional("bool", True, help='the room was in use (bedrooms "if used")')
    from_: date = derived("date", "dates.occurred", key="from", help="the loss began")
    to: date | None = derived(
        "date",
        "dates.resolved",
        help="the loss ended (none: still lost when claimed)",
    )


@stores_through_slots
@attrs.frozen(kw_only=True)
class Cost:
    kind: str = required("choice", choices=COST_KINDS, help="what the money was spent on")
    amount: Decimal = required("money", help="the amount spent")
    evidence: bool = optional("bool", False, help="receipts or bills kept")
    permission: bool = optional(
        "bool",
        False,
        help="prior written permission from the landlord (for repairs or an advocate)",
    )
    incurred: date = derived("date", "dates.occurred", help="when the cost was incurred")


@stores_through_slots
@attrs.frozen(kw_only=True)
class DamagedItem:
    item: str = required("text", help="what was damaged")
    kind: str = optional("choice", "belongings", choices=ITEM_KINDS, help="the kind of item")
    replacement_value: Decimal = required("money", help="cost new")
    value_at_loss: Decimal = derived(
        "money", "replacement_value", help="depreciated value when damaged"
    )
    retained: bool = optional("bool", False, help="kept for inspection, or evidence kept")
    insured: bool = derived(
        "bool", "household.contents_insurance", help="covered by the claimant's contents insurance"
    )
    notified: date = derived(
        "date", "dates.reported", help="when the landlord was told of the damage"
    )
    # added to format 1 as an optional field: how the item was damaged (Clarion 4.4 leaves
    # damage by leaks, flood or fire to the claimant's contents insurance; Alliance 3.1 makes
    # good decoration damaged by its repair work, "repair-work")
    damaged_by: str = optional(
        "choice",
        "other",
        choices=DAMAGE_CAUSES,
        help="how the item was damaged (some policies leave leaks, flood and fire to "
        "contents insurance; repair-work: damaged by the landlord's own repair work)",
    )


@stores_through_slots
@attrs.frozen(kw_only=True)
class Legal:
    personal_injury: bool = optional(
        "bool", False, help="includes a claim that health was affected"
    )
    insurance_claim: bool = optional(
        "bool", False, help="the matter is, or should be, dealt with by the landlord's insurers"
    )
    proceedings: str = optional(
        "choice",
        "none",
        choices=PROCEEDINGS,
        help="started means the claim form is filed at court; "
        "court-ordered means a court has already ordered payment for this issue",
    )
    disrepair_claim: bool = optional(
        "bool", False, help="the claimant has made a housing disrepair claim for this issue"
    )
    # added to format 1 (optional): the issue was raised through a solicitor or other legal
    # representative (Twenty11 1.2)
    represented: bool = optional(
        "bool", False, help="the issue was raised through a solicitor or other legal representative"
    )


@attrs.frozen(kw_only=True)
class Complaint:
    received: date = required("date", help="the complaint was received (stage 1 begins)")
    acknowledged: date | None = optional("date", help="the stage 1 complaint was acknowledged")
    stage1_response: date | None = optional("date", help="the stage 1 response was sent")
    stage2_requested: date | None = optional(
        "date", help="the claimant asked to escalate to stage 2"
    )
    stage2_acknowledged: date | None = optional("date", help="the stage 2 request was acknowledged")
    stage2_response: date | None = optional("date", help="the stage 2 response was sent")
    stage1_extension_agreed: bool = optional(
        "bool", False, help="an extension of the stage 1 response time was agreed"
    )
    stage2_extension_agreed: bool = optional(
        "bool", False, help="an extension of the stage 2 response time was agreed"
    )


@attrs.frozen(kw_only=True)
class Decant:
    permanent: bool = optional("bool", False, help="the move is permanent")
    reason: str = required("choice", choices=DECANT_REASONS, help="why the claimant had to move")
    moving_costs: Decimal = optional("money", ZERO, help="reasonable costs of the move")
    # added to format 1 (optional): the date of the move (displacement)
    moved: date | None = optional("date", help="the date of the move")

    @property
    def planned(self) -> bool:
        """A move for demolition or redevelopment: one the landlord plans, not a failure."""
        return self.reason in PLANNED_MOVE_REASONS


PLANNED_MOVE_REASONS = frozenset({"demolition", "redevelopment"})


@attrs.frozen(kw_only=True)
class Source:
    """Where a scenario comes from, for a published Housing Ombudsman determination
    (``[source]``): the case, the finding, and what the Ombudsman ordered."""

    case: str = optional("text", "", help="the Ombudsman's case reference")
    landlord: str = optional("text", "", help="the landlord the determination is about")
    url: str = optional("text", "", help="where the determination is published")
    quoted_in: tuple[str, ...] = optional(
        "texts", (), help="documents that quote the determination"
    )
    decided: date = required("date", help="the date of the determination")
    finding: str = required("choice", choices=FINDINGS, help="the Ombudsman's finding")
    ordered: Decimal = required("money", help="the compensation the Ombudsman ordered")
    ordered_for: str = optional("text", "", help="what the ordered sum was for, in words")
    offered: Decimal | None = optional(
        "money",
        help="compensation the landlord had offered or paid for the complaint before the "
        "determination, where the source gives it (not refunds of costs or payment for "
        "damaged items)",
    )
    order_adds_to_offer: bool | None = optional(
        "bool",
        help="true: the order is in addition to the offer, so the Ombudsman's whole remedy is "
        "the two together; false: the order includes it; absent: the source does not say",
    )
    stand_ins: str = optional(
        "text", "", help="facts the determination does not give and the scenario assumes"
    )
    split: str = optional(
        "choice",
        "fit",
        choices=SPLITS,
        help="fit: used to fit the reference; held-out: kept back to test it",
    )


@attrs.frozen(kw_only=True)
class Expected:
    """Golden outcomes for one landlord, checked by ``compsim test``. Any subset may be given."""

    landlord: str = attrs.field(metadata={"kind": None})
    excluded: bool | None = optional("bool", help="whether the claim is excluded")
    total: Decimal | None = optional("money", help="the total award")
    min: Decimal | None = optional("money", help="the low end of the award's range")
    max: Decimal | None = optional("money", help="the high end of the award's range")
    paid_to_customer: Decimal | None = optional("money", help="the part paid to the claimant")
    credited_to_account: Decimal | None = optional(
        "money", help="the part credited to the claimant's account"
    )
    approver: str | None = optional("text", help="a substring of the approver's title")
    senior: bool | None = optional(
        "bool", help="whether approval above the usual level is needed"
    )  # added: whether approval above the usual is needed


@stores_through_slots
@attrs.frozen(kw_only=True)
class Scenario:
    format: int = optional("int", 1, minimum=1, help="format version")
    id: str = derived("id", "the file name without .toml", help="unique within a library")
    title: str = required("text", help="one line")
    description: str = optional("text", "", help="free text")
    tags: tuple[str, ...] = optional("texts", (), help="for filtering (--tag)")
    household: Household = section(Household, help="the claimant's household")
    account: Account = section(Account, help="what the claimant owes the landlord")
    failure: Failure = required("section", type=Failure, help="what went wrong")
    dates: Dates = required("section", type=Dates, help="when things happened")
    claim: Claim = section(Claim, help="how the claim was made")
    amenities_lost: tuple[AmenityLoss, ...] = sections(
        AmenityLoss, help="amenities and rooms lost, zero or more"
    )
    costs: tuple[Cost, ...] = sections(Cost, help="out-of-pocket expenses, zero or more")
    damaged_items: tuple[DamagedItem, ...] = sections(
        DamagedItem, help="belongings and decoration damaged, zero or more"
    )
    legal: Legal = section(Legal, help="legal and insurance matters")
    complaint: Complaint | None = optional(
        "optional-section", type=Complaint, help="optional: how the complaint was handled"
    )
    decant: Decant | None = optional(
        "optional-section", type=Decant, help="optional: a move out of the home"
    )
    origin: Source | None = optional(
        "optional-section",
        type=Source,
        key="source",
        help="optional: the published Housing Ombudsman determination the scenario comes from",
    )
    expected: tuple[Expected, ...] = attrs.field(
        default=(),
        metadata={
            "kind": "expected",
            "help": "optional: golden outcomes per landlord, checked by compsim test",
        },
    )
    source: str = attrs.field(default="", eq=False, metadata={"kind": None})

    def expected_for(self, landlord: str) -> Expected | None:
        return next((e for e in self.expected if e.landlord == landlord), None)

    @property
    def one_off(self) -> bool:
        return self.failure.kind in ONE_OFF_KINDS

    @property
    def incurred(self) -> date:
        """When the loss was incurred, for claim windows counted from the failure, loss or
        event: a one-off event on ``dates.occurred``; a continuing failure at its loss end."""
        return self.dates.occurred if self.one_off else self.dates.loss_end


# ---------------------------------------------------------------- a decision


@stores_through_slots
@attrs.frozen
class Note:
    """One step of a plugin's reasoning, in plain English, with the clause it rests on."""

    detail: str
    clause: str


@stores_through_slots
@attrs.frozen
class Exclusion:
    """A reason the claim is not considered under the policy.

    ``applies=False`` records a check that was made and passed, so ``explain`` can show it.
    ``short`` is the few words shown in a comparison table cell.
    """

    reason: str
    clause: str
    applies: bool = True
    short: str = ""


@stores_through_slots
@attrs.frozen
class Impact:
    """The impact level on the landlord's own scale. ``rank`` orders the scale (0 = lowest)."""

    level: str
    clause: str
    rank: int
    basis: str = PUBLISHED
    notes: tuple[Note, ...] = ()


def _amount_default(item: AwardItem) -> Decimal:
    return item.amount


_SAME = object()  # low or high not given: the amount itself


@attrs.frozen(init=False)
class AwardItem:
    """One line of an award. A range has ``low`` and ``high`` around the single figure
    ``amount``; ``high=None`` is an open upper end ("£1,000 and over")."""

    label: str
    amount: Decimal
    clause: str
    basis: str
    category: str = "other"
    low: Decimal = attrs.field(default=attrs.Factory(_amount_default, takes_self=True))
    high: Decimal | None = attrs.field(default=attrs.Factory(_amount_default, takes_self=True))

    # Written out rather than generated: attrs would call the two defaults' factory for every
    # item (a plugin builds one or two items a decision, a caseload a million decisions).
    # The same arguments, defaults and result as the generated one.
    def __init__(
        self,
        label: str,
        amount: Decimal,
        clause: str,
        basis: str,
        category: str = "other",
        low: Any = _SAME,
        high: Any = _SAME,
    ) -> None:
        put = object.__setattr__
        put(self, "label", label)
        put(self, "amount", amount)
        put(self, "clause", clause)
        put(self, "basis", basis)
        put(self, "category", category)
        put(self, "low", amount if low is _SAME else low)
        put(self, "high", amount if high is _SAME else high)


@stores_through_slots
@attrs.frozen
class Award:
    """The items of an award. ``not_computed`` names each part of the remedy compsim cannot
    work out because the policy's figure lives in a document that is not published (a
    decant procedure, say): outputs show such a claim as not computable, never as £0."""

    items: tuple[AwardItem, ...] = ()
    notes: tuple[Note, ...] = ()
    not_computed: tuple[Note, ...] = ()

    @property
    def computable(self) -> bool:
        return not self.not_computed

    @property
    def total(self) -> Decimal:
        total = ZERO  # a loop, not sum() over a generator: read several times a decision
        for item in self.items:
            total += item.amount
        return total

    @property
    def min(self) -> Decimal:
        return sum((item.low for item in self.items), ZERO)

    @property
    def max(self) -> Decimal | None:
        if any(item.high is None for item in self.items):
            return None
        return sum((item.high for item in self.items), ZERO)

    @property
    def assumption_total(self) -> Decimal:
        return sum((i.amount for i in self.items if i.basis == ASSUMPTION), ZERO)


@stores_through_slots
@attrs.frozen
class Approval:
    """Who must approve the award. ``senior`` marks approval above the usual level."""

    approver: str
    clause: str
    senior: bool = False
    basis: str = PUBLISHED
    notes: tuple[Note, ...] = ()


CUSTOMER = "customer"
ACCOUNT = "account"


@stores_through_slots
@attrs.frozen
class SettlementPart:
    """Part of the award paid to the claimant (``to="customer"``) or credited to an account.

    A credit to the account normally clears a debt (``against_debt=True``): those credits
    never exceed what the claimant owes. A policy that pays the award onto the rent account
    whatever is owed (Clarion 5.1) marks the part beyond the debt ``against_debt=False``:
    a credit balance on the account.
    """

    label: str
    amount: Decimal
    to: str
    form: str
    clause: str
    against_debt: bool = True


@stores_through_slots
@attrs.frozen
class Settlement:
    parts: tuple[SettlementPart, ...] = ()
    notes: tuple[Note, ...] = ()

    # loops, not sum() over a generator: a caseload reads these for every decision
    @property
    def paid_to_customer(self) -> Decimal:
        total = ZERO
        for part in self.parts:
            if part.to == CUSTOMER:
                total += part.amount
        return total

    @property
    def credited_to_account(self) -> Decimal:
        total = ZERO
        for part in self.parts:
            if part.to == ACCOUNT:
                total += part.amount
        return total

    @property
    def offset_against_debts(self) -> Decimal:
        """How much of the award went to clear debts (arrears and other sums owed)."""
        total = ZERO
        for part in self.parts:
            if part.to == ACCOUNT and part.against_debt:
                total += part.amount
        return total

    @property
    def form(self) -> str:
        forms = [p.form for p in self.parts if p.amount > 0]
        return "; ".join(dict.fromkeys(forms)) or "nothing to pay"


@attrs.frozen
class ReadingUsed:
    """A reading switch (a parameter with an ``alternative``) that a decision consulted."""

    path: str
    value: Any
    clause: str
    description: str
    alternative: str
    basis: str = ASSUMPTION


@attrs.frozen
class TraceStep:
    step: str
    detail: str
    clause: str


@attrs.frozen
class Deadline:
    """A dated deadline the policy sets for this claim. ``basis`` is ``assumption`` when the
    date rests on one (for example, a scenario date read as the date an award was confirmed)."""

    name: str
    date: date
    clause: str
    basis: str = PUBLISHED


@attrs.frozen
class Timescale:
    """A complaint-handling timescale: from one ``[complaint]`` date (``starts``) to another
    (``done_by``) within a number of working days, plus an extension when one was agreed."""

    name: str
    starts: str
    done_by: str
    working_days: int
    clause: str
    extension_days: int = 0
    extension_flag: str | None = None


@attrs.frozen
class TimescaleCheck:
    """One timescale applied to one complaint: when it started, was due and was done."""

    name: str
    starts: date
    due: date
    actual: date | None
    working_days_late: int
    extended: bool
    clause: str

    @property
    def missed(self) -> bool:
        """Done after the due date (a weekend day after a Friday deadline is still late)."""
        return self.actual is not None and self.actual > self.due

    def describe(self) -> str:
        extension = " (with the agreed extension)" if self.extended else ""
        if self.actual is None:
            return f"{self.name}: due {self.due}{extension}; not recorded"
        if self.missed:
            days = "working day" if self.working_days_late == 1 else "working days"
            return (
                f"{self.name}: due {self.due}{extension}, done {self.actual}: "
                f"missed, {self.working_days_late} {days} late"
            )
        return f"{self.name}: due {self.due}{extension}, done {self.actual}: met"


@stores_through_slots
@attrs.frozen
class Decision:
    """One policy's answer to one scenario."""

    scenario_id: str
    landlord: str
    exclusions: tuple[Exclusion, ...]
    impact: Impact
    award: Award
    award_if_not_excluded: Award
    approval: Approval
    settlement: Settlement
    checks: tuple[Exclusion, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    complaint_checks: tuple[TimescaleCheck, ...] = ()  # the policy's own timescales
    code_checks: tuple[TimescaleCheck, ...] = ()  # the Complaint Handling Code 2024's
    readings: tuple[ReadingUsed, ...] = ()  # the reading switches the decision consulted
    drafts: tuple[Any, ...] = ()  # the draft values (params.Param) the decision consulted
    silent_on_complaints: bool = False  # [complaint] dates given; the policy sets no timescales

    @functools.cached_property
    def trace(self) -> tuple[TraceStep, ...]:
        """The decision step by step, each with its clause: built when first read."""
        from compsim.trace import build_trace

        return build_trace(self)

    @property
    def excluded(self) -> bool:
        return bool(self.exclusions)

    def rests_on(self, basis: str) -> bool:
        """Whether any part of the paid award (or the impact it pays on) has this basis."""
        paid_items = [item for item in self.award.items if item.amount > 0]
        if any(item.basis == basis for item in paid_items):
            return True
        return bool(paid_items) and self.impact.basis == basis

    @property
    def rests_on_assumption(self) -> bool:
        return self.rests_on(ASSUMPTION)

    @property
    def rests_on_draft(self) -> bool:
        return self.rests_on(DRAFT)


@attrs.frozen
class CellError:
    """A plugin failed on one scenario: reported against that landlord only."""

    scenario_id: str
    landlord: str
    message: str

"""The rules of the regulations applied to the printed figures (RULES.md §§ 3, 4, 6, 7).

Which posts are 5 %-posts, what their cap is, where a transfer is allowed and whether
an overspend is carried: all of it is asked of :mod:`statsbudsjett.rules` (the post's
stikkord as printed in Note B, its number, and Note A's årets tildelinger), never
re-encoded here.
"""

from __future__ import annotations

from collections.abc import Iterator

from attrs import frozen

from ...account import Account
from ...findings import CellRef, Finding, Message, Relation, Rule
from ...model import ExpenseLine
from ...money import Money
from ...published.report import CHARGEBACKS, COMMITMENTS, NOTE_A, NOTE_B, PublishedReport, Row
from ...reprs import field_repr
from ...rules import TransferKind, TransferRule, YearParameters, parameters_for, percent, rule_for
from ...rules.registry import AUTHORISATION_LIMIT, OVERSPEND, REALLOCATION_LIMIT
from ...rules.transfer import covered_by_partners, five_percent_cap, reallocation_limit
from ...tolerance import PRINTED_ROUNDING, rounding_tolerance
from .common import Check, counted, rule

__all__ = ["RULES_CHECKS"]

# A share of one printed figure: that figure is within ½ kr, its share within share × ½ kr,
# and the printed result within ½ kr, so the two differ by less than 1 kr: two terms' bound.
SHARE_TOLERANCE = rounding_tolerance(2)
BASIS_TERMS = ("difference_after_chargebacks", "revenue", "reallocation", "savings")  # G = C + D + E + F


@frozen
class _Post:
    """A Note B row with what the rules need to know about it."""

    __repr__ = field_repr

    row: Row
    allocated: tuple[CellRef, ...]  # Note A's årets tildelinger of the post (or of its underposts)
    transfer: TransferRule
    basis: Money  # sum grunnlag, printed or computed from C + D + E + F
    # Whether the rules let something transfer; None: the printed figures cannot tell, because
    # the basis is within rounding of zero and the rule carries no negative basis.
    may_transfer: bool | None

    @property
    def overspent(self) -> bool:
        """Certainly a negative basis on a post that does not carry one."""
        return self.may_transfer is False and self.transfer.kind is not TransferKind.NONE

    def cell(self, column: str) -> CellRef:
        return CellRef(NOTE_B, self.row.key, column)


def _posts(report: PublishedReport) -> Iterator[tuple[_Post, YearParameters]]:
    params = _parameters(report)
    note_a, note_b = report.table(NOTE_A), report.table(NOTE_B)
    for row in note_b.lines():
        assert row.account is not None
        sources = note_a.post_lines(row.account)
        allocated = Money.total(s["allocated"].amount for s in sources) if sources else None
        line = ExpenseLine(row.account, keywords=row.keywords, allocated=allocated)
        transfer = rule_for(line, params)
        basis = row["basis"].value
        # How far the true basis may lie from it: ½ kr printed, the terms' rounding when computed.
        uncertainty = PRINTED_ROUNDING if basis is not None else rounding_tolerance(len(BASIS_TERMS))
        if basis is None:
            basis = Money.total(row[c].amount for c in BASIS_TERMS)
        may: bool | None
        if transfer.kind is TransferKind.NONE:
            may = False
        elif transfer.carries_negative_basis(params) or basis - uncertainty >= Money(0):
            may = True
        else:
            may = False if basis + uncertainty < Money(0) else None
        cells = tuple(CellRef(NOTE_A, source.key, "allocated") for source in sources)
        yield _Post(row, cells, transfer, basis, may), params


def _parameters(report: PublishedReport) -> YearParameters:
    """The year's parameters, with the choices of the raw inputs' ``[rules]`` when the report has them."""
    return parameters_for(report.fiscal_year, report.raw.rules if report.raw is not None else None)


def five_percent_caps(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Maks. overførbart beløp on a 5 %-post = the year's share × årets tildelinger (Note A)."""
    for post, params in _posts(report):
        printed = post.row["max_transferable"]
        if post.transfer.kind is not TransferKind.FIVE_PERCENT or not (post.may_transfer is True or printed.printed):
            continue
        allocated = Money.total(report.figure(cell).amount for cell in post.allocated)
        expected = five_percent_cap(allocated, params)
        share = percent(params.five_percent_share)
        yield rule.compare(post.cell("max_transferable"), printed.value, expected, SHARE_TOLERANCE, Message(
            f"Maks. overførbart på en 5 %-post = {share} av årets tildelinger {allocated.format()} (note A)",
            f"Maximum transferable on a 5 % post = {share} of this year's allocation {allocated.format()} (Note A)"),
            location=printed.location,
            terms=post.allocated)


def transferable(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Mulig overførbart = min(sum grunnlag, maks. overførbart); no cap shown: the basis."""
    for post, _ in _posts(report):
        cap, printed = post.row["max_transferable"], post.row["transferable"]
        if post.may_transfer is False or (post.may_transfer is None and not printed.printed):
            continue
        basis = [post.cell("basis")] if post.row["basis"].printed else [post.cell(c) for c in BASIS_TERMS]
        # a 5 %-post always has a cap: printed empty, it is 0; elsewhere empty is "no cap shown"
        has_cap = cap.printed or post.transfer.kind is TransferKind.FIVE_PERCENT
        capped = has_cap and cap.amount < post.basis
        terms = [post.cell("max_transferable")] if capped else basis
        if printed.printed or printed.dash or counted(report, terms):
            yield rule.compare(post.cell("transferable"), printed.value, cap.amount if capped else post.basis,
                               rounding_tolerance(len(terms)), rule.title, location=printed.location, terms=terms)


def within_cap(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Mulig overførbart ≤ maks. overførbart, where a cap is printed."""
    for post, _ in _posts(report):
        cap, printed = post.row["max_transferable"], post.row["transferable"]
        if cap.printed and printed.printed:
            yield rule.compare(post.cell("transferable"), printed.value, cap.value, Money(0), rule.title,
                               location=printed.location, relation=Relation.AT_MOST,
                               terms=[post.cell("max_transferable")])


def transfer_allowed(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Nothing is transferred on a post no rule lets transfer (30–99 without «kan overføres»,
    overslagsbevilgning, post 24): mulig overførbart stays empty.
    """
    for post, _ in _posts(report):
        if post.transfer.kind is TransferKind.NONE:
            printed = post.row["transferable"]
            yield rule.compare(post.cell("transferable"), printed.value, None, Money(0), Message(
                f"{post.row.key}: ingen overføring etter regelen «{post.transfer.id}»; la kolonnen stå tom",
                f"{post.row.key}: no transfer under rule «{post.transfer.id}»; leave the column empty"),
                location=printed.location)


def negative_transfer(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """A negative basis is carried only on «kan overføres» posts; on a 5 %-post the overspend is not carried."""
    for post, _ in _posts(report):
        if post.overspent:
            printed = post.row["transferable"]
            yield rule.compare(post.cell("transferable"), printed.value, None, Money(0), Message(
                f"{post.row.key}: negativt grunnlag {post.basis.format()} overføres ikke på en 5 %-post; "
                "la mulig overførbart stå tom",
                f"{post.row.key}: a negative basis {post.basis.format()} is not carried on a 5 % post; "
                "leave the transferable amount empty"), location=printed.location)


def overspend(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """An overspend on a 5 %-post not covered by a fullmakt: to be explained (warning); covered by the
    surplus of a post it «kan nyttes under», it is explained (info, v1 decision 5)."""
    posts = [post for post, _ in _posts(report)]
    bases = {post.row.account: post.basis for post in posts if post.row.account is not None}
    for post in posts:
        if post.transfer.kind is TransferKind.FIVE_PERCENT and post.overspent:
            figure = post.row["basis"]
            partners = post.row.keywords.usable_under
            if covered_by_partners(partners, bases, -post.basis):
                shown = ", ".join(map(str, partners))
                yield rule.explained(post.cell("basis"), post.basis, Message(
                    f"{post.row.key}: merutgiften på {(-post.basis).format()} kr dekkes av mindreutgift på {shown} "
                    "(kan nyttes under)", f"{post.row.key}: the overspend of {(-post.basis).format()} kr is covered "
                    f"by the underspend on {shown} (kan nyttes under)"), location=figure.location or post.row.location)
                continue
            yield rule.note(post.cell("basis"), post.basis, Message(
                f"{post.row.key}: merutgift {(-post.basis).format()} kr etter merinntekter på en 5 %-post uten "
                "fullmakt som dekker den: forklar overskridelsen i noten",
                f"{post.row.key}: overspend of {(-post.basis).format()} kr after revenue on a 5 % post, not covered "
                "by an authorisation: explain it in the note"), location=figure.location or post.row.location,
                terms=[post.cell(c) for c in BASIS_TERMS])


def can_transfer_cap(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """On a «kan overføres» post the cap (this and last year's tildeling) is at least årets tildelinger."""
    for post, _ in _posts(report):
        cap = post.row["max_transferable"]
        if post.transfer.kind is TransferKind.CAN_TRANSFER and cap.printed and post.allocated:
            allocated = Money.total(report.figure(cell).amount for cell in post.allocated)
            yield rule.compare(post.cell("max_transferable"), cap.value, allocated,
                               Money(0), rule.title, location=cap.location, relation=Relation.AT_LEAST,
                               terms=post.allocated)


def reallocation_limits(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Omdisponering 01→45 and forskuttering on 01/21: at most the year's share of post 01 (or 21).
    Column E is per post, so the printed figure is already the sum of the year's entries."""
    params = _parameters(report)
    note_a, note_b = report.table(NOTE_A), report.table(NOTE_B)
    for row in note_b.lines():
        assert row.account is not None
        figure = row["reallocation"]
        post = row.account.post
        if not figure.printed or not figure.amount:
            continue
        base_post = params.reallocation_from_post if post == params.reallocation_to_post else post
        if base_post not in params.advance_posts | {params.reallocation_from_post}:
            yield rule.compare(CellRef(NOTE_B, row.key, "reallocation"), figure.value, None, Money(0), Message(
                f"{row.key}: omdisponering og forskuttering gjelder bare post 01, 21 og 45",
                f"{row.key}: reallocation and advances apply to posts 01, 21 and 45 only"), location=figure.location)
            continue
        sources = note_a.post_lines(Account(row.account.chapter, base_post))
        allocated = Money.total(source["allocated"].amount for source in sources)
        limit = reallocation_limit(allocated, params)
        yield rule.compare(CellRef(NOTE_B, row.key, "reallocation"), abs(figure.amount), limit, SHARE_TOLERANCE,
                           rule.title, location=figure.location, relation=Relation.AT_MOST,
                           terms=[CellRef(NOTE_A, source.key, "allocated") for source in sources])


def authorisation_limits(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Belastningsfullmakt used ≤ its limit; tilsagns-/bestillingsfullmakt commitments ≤ the ramme."""
    for name, used_column in ((CHARGEBACKS, "used"), (COMMITMENTS, "commitments")):
        table = report.table(name)
        for row in table.lines():
            used, limit = row[used_column], row["limit"]
            if limit.printed:
                yield rule.compare(table.cell(row, used_column), used.value, limit.value, Money(0), rule.title,
                                   location=used.location, relation=Relation.AT_MOST, terms=[table.cell(row, "limit")])


RULES_CHECKS = (
    Check(rule("rules.five-percent-cap", "Maks. overførbart på en 5 %-post = 5 % av årets tildelinger",
               "Maximum transferable on a 5 % post = 5 % of this year's allocation", ["S1", "S6"]), "rules",
          five_percent_caps),
    Check(rule("rules.transferable", "Mulig overførbart = det minste av sum grunnlag og maks. overførbart",
               "Transferable = the lesser of the basis and the maximum", ["S1"]), "rules", transferable),
    Check(rule("rules.within-cap", "Mulig overførbart ≤ maks. overførbart", "Transferable ≤ maximum transferable",
               ["S1", "S11"]), "rules", within_cap),
    Check(rule("rules.transfer-allowed", "Overføring bare der en regel tillater det",
               "A transfer only where a rule allows it", ["S4", "S6"]), "rules", transfer_allowed),
    Check(rule("rules.negative-transfer", "Negativ overføring bare på poster med «kan overføres»",
               "Negative transfers only on «kan overføres» posts", ["S11", "DIGDIR-2021"]), "rules",
          negative_transfer),
    Check(OVERSPEND, "rules", overspend),
    Check(rule("rules.can-transfer-cap", "Maks. overførbart på en «kan overføres»-post ≥ årets tildelinger",
               "Maximum transferable on a «kan overføres» post ≥ this year's allocation", ["S11"]), "rules",
          can_transfer_cap),
    Check(REALLOCATION_LIMIT, "rules", reallocation_limits),
    Check(AUTHORISATION_LIMIT, "rules", authorisation_limits),
)

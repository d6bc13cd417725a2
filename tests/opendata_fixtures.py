"""DFØ's open data as test fixtures: the published CSV dialect, and Digdir 2021 rebuilt in it.

Two parts.

**The dialect** (/work/shared/OPEN-DATA.md §1.2–1.3): the state accounts ledger
(``statsregnskapet_aar_ÅÅÅÅ.csv``, 28 columns) and the appropriations ledger
(``bevilgninger_full_historikk.csv``, 18 columns), both ``;``-separated, every field quoted,
Windows-1252 bytes, CRLF, amounts in kroner with a decimal comma and three decimals
(``"-847732,870"``, zero ``",000"``, ``"-,500"``), debit positive and credit negative.
:func:`ledger_row` and :func:`appropriation_row` build rows whose derived columns agree
(Konto_no = Post_id, Post_type from the post number, Kontoklasse/Kontogruppe from the
artskonto); :func:`csv_bytes`, :func:`zip_bytes`, :func:`write_ledger` and
:func:`write_appropriations` turn rows into files.

**Digdir 2021** (:func:`digdir_2021`): the ledger rows, appropriation rows and facts file an
importer reads, and the agency-year it should build from them (``expected``): Digdir 2021 as in
examples/digdir-2021/inputs.toml, with exact amounts in øre as real ledger sums have. The øre
are chosen so that every figure of the bevilgningsrapportering, Note A and Note B computed
from ``expected`` and rounded to whole kroner is the figure Digdir printed, the printed 1-kr
rounding differences included (see "Why the øre" below).

Names of agencies, ministries and chapters follow Gul bok 2021 (Fagdepartement_id is Gul bok's
``fdep_nr``: the sample row's "13" Samferdselsdepartementet is Gul bok's 13 too, so KMD is "05").
Where Digdir's report prints a name differently (chapter 1633 "Nettoordning for mva i staten",
5309 "Tilfeldige inntekter, ymse", 5700 "Arbeidsgiveravgift", post 540.25's
"digitaliseringprosjekter"), the fixture uses the printed name, so that ``expected`` prints as
the report does.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from statsbudsjett import Money
from statsbudsjett.account import Account
from statsbudsjett.model import (
    AgencyYear,
    CapitalAccount,
    Chargeback,
    CommitmentAuthorisation,
    ExpenseLine,
    IncomeLine,
    RevenueAuthorisation,
    TreasuryBalance,
    to_money,
)
from statsbudsjett.money import round_half_away

__all__ = [
    "AGENCIES",
    "APPROPRIATIONS_FILE",
    "APPROPRIATIONS_HEADER",
    "ARTSKONTI",
    "CHAPTERS",
    "DIGDIR",
    "LEDGER_FILE",
    "LEDGER_HEADER",
    "MINISTRIES",
    "Agency",
    "Chapter",
    "DigdirFiles",
    "DigdirOpenData",
    "amount_from_text",
    "amount_text",
    "appropriation_row",
    "carried_in_text",
    "carried_out_text",
    "csv_bytes",
    "digdir_2021",
    "ledger_row",
    "post_type",
    "write_appropriations",
    "write_digdir_2021",
    "write_ledger",
    "zip_bytes",
]

# -- the dialect ------------------------------------------------------------------------------------------------

LEDGER_FILE: Final = "statsregnskapet_aar_{year}.csv"
APPROPRIATIONS_FILE: Final = "bevilgninger_full_historikk.csv"

LEDGER_HEADER: Final = (
    "År", "Periode", "Konto_no", "Konto", "Programområde_id", "Programområde", "Programkategori_id",
    "Programkategori", "Fagdepartement_id", "Fagdepartement", "Kapittel_id", "Kapittel", "Post_id", "Post",
    "Post_type", "Kontoklasse_id", "Kontoklasse", "Kontogruppe_id", "Kontogruppe", "Artskonto_id", "Artskonto",
    "Fagdepartement_Virksomhet_id", "Fagdepartement_Virksomhet", "Virksomhet_id", "Virksomhet",
    "Regnskapsfører_id", "Regnskapsfører", "Beløp",
)
APPROPRIATIONS_HEADER: Final = (
    "År", "Periode", "Tildelings_periode", "Programområde_id", "Programområde", "Programkategori_id",
    "Programkategori", "Fagdepartement_id", "Fagdepartement", "Kapittel_id", "Kapittel", "Post_id", "Post",
    "Post_type", "Bevilgning_beløp", "Bevilgning_overføres_beløp", "Bevilgning_overført_beløp", "Bevilgning",
)

_AMOUNT: Final = re.compile(r"(?P<sign>-?)(?P<kroner>[0-9]*),(?P<ore>[0-9]{2})(?P<sub>[0-9])")


def amount_text(amount: Money | int | str) -> str:
    """An amount as DFØ writes it: ``"-847732,870"``; zero ``",000"``, half a krone ``",500"`` / ``"-,500"``.

    Three decimals, the third always 0 (øre); no leading 0 before the comma.
    """
    ore = to_money(amount).ore
    kroner, rest = divmod(abs(ore), 100)
    return f"{'-' if ore < 0 else ''}{kroner or ''},{rest:02d}0"


def amount_from_text(text: str) -> Money:
    """The inverse of :func:`amount_text`, strict: the fixtures' own amounts only (a sub-øre digit is refused)."""
    match = _AMOUNT.fullmatch(text)
    if match is None or match["sub"] != "0":
        raise ValueError(f"{text!r} is not an amount in DFØ's dialect")
    ore = int(match["kroner"] or 0) * 100 + int(match["ore"])
    return Money(-ore if match["sign"] else ore)


def csv_bytes(header: Sequence[str], rows: Iterable[Mapping[str, str]], *, encoding: str = "cp1252",
              newline: str = "\r\n", bom: bool = False) -> bytes:
    """The file's bytes: the header and the rows, ``;`` between fields, every field quoted.

    A row must have exactly the header's columns (a typing error in a column name fails here,
    not as a silently empty column). ``bom`` puts U+FEFF first (for a UTF encoding).
    """
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator=newline)
    writer.writerow(header)
    for number, row in enumerate(rows):
        if set(row) != set(header):
            raise ValueError(f"row {number}: columns {sorted(set(row) ^ set(header))} differ from the header")
        writer.writerow([row[column] for column in header])
    return (("\ufeff" if bom else "") + text.getvalue()).encode(encoding)


def zip_bytes(member_name: str, data: bytes) -> bytes:
    """A zip archive holding one file, as DFØ ships each CSV (``statsregnskapet_aar_2021.zip``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member_name, data)
    return buffer.getvalue()


def _write(path: str | Path, header: Sequence[str], rows: Iterable[Mapping[str, str]], *, zipped: bool,
           member: str | None, encoding: str, newline: str, bom: bool) -> Path:
    path = Path(path)
    data = csv_bytes(header, rows, encoding=encoding, newline=newline, bom=bom)
    if zipped:
        data = zip_bytes(member or path.with_suffix(".csv").name, data)
    path.write_bytes(data)
    return path


def write_ledger(path: str | Path, rows: Iterable[Mapping[str, str]], *, zipped: bool = False,
                 member: str | None = None, encoding: str = "cp1252", newline: str = "\r\n",
                 bom: bool = False) -> Path:
    """Write ledger rows to ``path``: the CSV, or (``zipped``) a zip holding it as ``member``
    (by default ``path``'s name with ``.csv``)."""
    return _write(path, LEDGER_HEADER, rows, zipped=zipped, member=member, encoding=encoding, newline=newline,
                  bom=bom)


def write_appropriations(path: str | Path, rows: Iterable[Mapping[str, str]], *, zipped: bool = False,
                         member: str | None = None, encoding: str = "cp1252", newline: str = "\r\n",
                         bom: bool = False) -> Path:
    """Write appropriation rows to ``path``, as :func:`write_ledger` does."""
    return _write(path, APPROPRIATIONS_HEADER, rows, zipped=zipped, member=member, encoding=encoding,
                  newline=newline, bom=bom)


# -- registries: the names a row's derived columns come from -------------------------------------------------------

MINISTRIES: Final = {  # Fagdepartement_id (Gul bok 2021's fdep_nr, two digits) → name
    "02": "Kunnskapsdepartementet",
    "03": "Kulturdepartementet",
    "05": "Kommunal- og moderniseringsdepartementet",
    "06": "Arbeids- og sosialdepartementet",
    "07": "Helse- og omsorgsdepartementet",
    "13": "Samferdselsdepartementet",
    "16": "Finansdepartementet",
    "23": "Ymse",
}


@dataclass(frozen=True)
class Agency:
    """A booking agency (Virksomhet): organisasjonsnummer, name, and the ministry it belongs to."""

    org_nr: str
    name: str
    ministry_id: str


AGENCIES: Final = {a.org_nr: a for a in (
    Agency("991825827", "Digitaliseringsdirektoratet", "05"),
    Agency("972417858", "Kommunal- og moderniseringsdepartementet", "05"),
    Agency("971040238", "Statens kartverk", "05"),
    Agency("974761076", "Skatteetaten", "16"),
    Agency("971032081", "Statens vegvesen", "13"),
    Agency("889640782", "Arbeids- og velferdsetaten", "06"),
    Agency("983544622", "Helsedirektoratet", "07"),
    Agency("960885406", "Statens lånekasse for utdanning", "02"),
    Agency("971035854", "Universitetet i Oslo", "02"),  # nettobudsjettert: no kapittel/post in its rows
)}
DIGDIR: Final = ("991825827", "Digitaliseringsdirektoratet")


@dataclass(frozen=True)
class Chapter:
    """A chapter (kapittel) with its ministry, programområde and programkategori, and its posts' names."""

    name: str
    ministry_id: str
    area: tuple[str, str]  # Programområde_id, Programområde
    category: tuple[str, str]  # Programkategori_id (område + kategori), Programkategori
    posts: Mapping[int, str]


_IT_POLICY: Final = (("13", "Statsforvaltning og kommunesektoren mv."),
                     ("1340", "Forvaltningsutvikling, IT- og ekompolitikk"))
_FINANCE: Final = ("23", "Finansadministrasjon")

CHAPTERS: Final = {
    352: Chapter("Nedsatt funksjonsevne", "03", ("08", "Kulturformål"),
                 ("0845", "Likestilling og ikke-diskriminering"), {71: "Universell utforming og økt tilgjengelighet"}),
    540: Chapter("Digitaliseringsdirektoratet", "05", *_IT_POLICY, {
        1: "Driftsutgifter", 21: "Spesielle driftsutgifter", 22: "Bruk av nasjonale fellesløsninger",
        23: "Utvikling og forvaltning av nasjonale fellesløsninger",
        25: "Medfinansieringsordning for digitaliseringprosjekter",  # sic, as Digdir prints it
        26: "StimuLab", 27: "Opplæringskontoret OK stat", 28: "Altinn",
        29: "Tjenesteeierfinansiert drift av Altinn", 71: "IT-standardisering"}),
    541: Chapter("IT- og ekompolitikk", "05", *_IT_POLICY,
                 {22: "Utvikling, gjennomføring og samordning av IT- og ekompolitikk"}),
    595: Chapter("Statens kartverk", "05", ("13", "Statsforvaltning og kommunesektoren mv."),
                 ("1390", "Planlegging, byutvikling og geodata"), {1: "Driftsutgifter"}),
    1320: Chapter("Statens vegvesen", "13", ("21", "Innenlands transport"), ("2130", "Veiformål"),
                  {1: "Driftsutgifter"}),
    1618: Chapter("Skatteetaten", "16", _FINANCE, ("2320", "Skatte-, avgifts- og tolladministrasjon"),
                  {1: "Driftsutgifter"}),
    # Digdir prints 1633.01 without a posttekst: the post's name is empty so that the line prints as it does.
    1633: Chapter("Nettoordning for mva i staten", "16", _FINANCE, ("2340", "Andre formål"), {1: ""}),
    2410: Chapter("Statens lånekasse for utdanning", "02", ("07", "Kunnskapsformål"),
                  ("0780", "Utdanningsfinansiering"), {1: "Driftsutgifter"}),
    3540: Chapter("Digitaliseringsdirektoratet", "05", *_IT_POLICY, {
        2: "Opplæringskontoret OK stat", 3: "Diverse inntekter", 4: "Internasjonale oppdrag",
        5: "Bruk av nasjonale fellesløsninger", 6: "Tilleggstjenester til nasjonale fellesløsninger",
        7: "Tjenesteeierfinansiert drift av Altinn", 86: "Tvangsmulkt"}),
    5309: Chapter("Tilfeldige inntekter, ymse", "23", ("26", "Ymse"),
                  ("2610", "Reserve for påregnelige, ikke fordelte utgifter og inntekter"),
                  {29: "Tilfeldige inntekter, ymse"}),
    5700: Chapter("Arbeidsgiveravgift", "16", ("25", "Skatter og avgifter"), ("2590", "Skatter og avgifter"),
                  {72: "Arbeidsgiveravgift"}),
}

# Standard kontoplan: class (1 digit), group (2 digits), artskonto (3 digits; the 19xx accounts 4).
KONTOKLASSER: Final = {
    "1": "Eiendeler", "2": "Statens kapital og gjeld", "3": "Salgs- og driftsinntekt", "5": "Lønnskostnad",
    "6": "Avskrivning og annen driftskostnad", "7": "Annen driftskostnad",
    "8": "Finansinntekt og finanskostnad, tilskudd og overføringer",
}
KONTOGRUPPER: Final = {
    "15": "Kortsiktige fordringer", "19": "Bankinnskudd, kontanter og lignende",
    "26": "Skattetrekk og andre trekk", "27": "Skyldige offentlige avgifter", "29": "Annen kortsiktig gjeld",
    "30": "Salgsinntekt, avgiftspliktig", "31": "Salgsinntekt, avgiftsfri", "32": "Salgsinntekt, unntatt avgiftsplikt",
    "34": "Inntekt fra tilskudd og overføringer", "39": "Annen driftsrelatert inntekt", "51": "Lønn til ansatte",
    "54": "Arbeidsgiveravgift og pensjonskostnad", "58": "Offentlig refusjon vedrørende arbeidskraft",
    "63": "Kostnader lokaler", "64": "Leie maskiner, inventar o.l.",
    "65": "Verktøy, inventar og driftsmaterialer som ikke skal aktiveres", "67": "Kjøp av fremmede tjenester",
    "68": "Kontorkostnad, trykksak o.l.", "71": "Kostnad og godtgjørelse for reiser, diett o.l.",
    "87": "Tilskudd og overføringer",
}
ARTSKONTI: Final = {
    "150": "Fordringer på ansatte", "196": "Oppgjørskonto i Norges Bank",
    "1985": "Gruppelivsforsikring", "1986": "Arbeidsgiveravgift", "1987": "Nettoføringsordning for merverdiavgift",
    "260": "Skyldig skattetrekk", "270": "Skyldige offentlige avgifter", "290": "Annen kortsiktig gjeld",
    "301": "Salgsinntekt varer, avgiftspliktig, fortsettelse",  # the sample row's
    "310": "Salgsinntekt tjenester, avgiftsfri", "320": "Eksterne refusjonsinntekter",
    "340": "Tilskudd fra EU", "399": "Annen driftsrelatert inntekt",
    "511": "Lønn", "540": "Arbeidsgiveravgift", "580": "Refusjon av sykepenger",
    "630": "Husleie", "640": "Leie av maskiner, inventar og lignende", "650": "Mindre utstyrsanskaffelser",
    "670": "Kjøp av konsulenttjenester", "679": "Kjøp av andre fremmede tjenester", "680": "Kontorrekvisita",
    "710": "Reiser og diett", "872": "Tilskudd til ideelle organisasjoner",
}


def post_type(account: Account) -> str:
    """``Post_type``: the class of the post number ("Post nummer 01-29 er utgifter til drift, …")."""
    post = account.post
    if account.chapter < 3000:
        groups = ((29, "Utgifter til drift"), (49, "Investeringer"), (59, "Overføringer til andre statsregnskap"),
                  (69, "Overføringer til kommuneforvaltningen"), (89, "Overføringer til private"),
                  (99, "Utlån, statsgjeld mv."))
    else:
        groups = ((29, "Salg av varer og tjenester"), (49, "Inntekter i forbindelse med nybygg, anlegg mv."),
                  (89, "Overføringer fra andre"), (99, "Tilbakebetalinger mv."))
    return next(name for last, name in groups if post <= last)


def _agency(agency: str | tuple[str, str]) -> Agency:
    """The booking agency: an org nr of :data:`AGENCIES`, or (org nr, name) with the name as given."""
    org_nr = agency if isinstance(agency, str) else agency[0]
    known = AGENCIES.get(org_nr)
    if known is None:
        raise KeyError(f"agency {org_nr} is not in AGENCIES: add it there (its ministry is a derived column)")
    return known if isinstance(agency, str) else Agency(org_nr, agency[1], known.ministry_id)


def _chapter(account: Account) -> Chapter:
    if account.chapter not in CHAPTERS:
        raise KeyError(f"chapter {account.chapter} is not in CHAPTERS: add it there")
    return CHAPTERS[account.chapter]


def _chapter_columns(account: Account | None, *, padded_chapter: bool) -> dict[str, str]:
    """The columns of the chapter and post; all empty for a row without kapittel/post."""
    if account is None:
        return dict.fromkeys(("Programområde_id", "Programområde", "Programkategori_id", "Programkategori",
                              "Kapittel_id", "Kapittel", "Post_id", "Post", "Post_type"), "")
    chapter = _chapter(account)
    return {
        "Programområde_id": chapter.area[0], "Programområde": chapter.area[1],
        "Programkategori_id": chapter.category[0], "Programkategori": chapter.category[1],
        "Fagdepartement_id": chapter.ministry_id, "Fagdepartement": MINISTRIES[chapter.ministry_id],
        # Kapittel_id is 3 or 4 digits in the files ("540" or "0540"); Post_id always 6 (kapittel(4) + post(2)).
        "Kapittel_id": f"{account.chapter:04d}" if padded_chapter else str(account.chapter),
        "Kapittel": chapter.name,
        "Post_id": f"{account.chapter:04d}{account.post:02d}", "Post": chapter.posts[account.post],
        "Post_type": post_type(account),
    }


def _overrides(header: Sequence[str], row: dict[str, str], columns: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(columns) - set(header))
    if unknown:
        raise ValueError(f"unknown columns {unknown}; the columns are {list(header)}")
    row.update(columns)
    return {name: row[name] for name in header}


def ledger_row(*, account: Account | str | None = "540.01", agency: str | tuple[str, str] = DIGDIR,
               amount: Money | int | str = 0, period: int = 202101, artskonto: str = "511",
               konto: tuple[str, str] | None = None, padded_chapter: bool = False, **columns: str) -> dict[str, str]:
    """One row of the state accounts, every derived column consistent with the given ones.

    ``account`` None (or "") is a row without kapittel/post: a balance account or a nettobudsjettert
    agency; ``konto`` then gives Konto_no/Konto (default empty). ``amount`` has the file's sign (debit
    positive, credit negative). Any column may be overridden by its name: ``ledger_row(Kapittel_id="0540")``.
    """
    parsed = Account.parse(account) if account else None
    booker = _agency(agency)
    row = {
        "År": str(period // 100), "Periode": str(period),
        # without kapittel/post no chapter's ministry disposes of the row: the agency's own
        "Fagdepartement_id": booker.ministry_id, "Fagdepartement": MINISTRIES[booker.ministry_id],
        **_chapter_columns(parsed, padded_chapter=padded_chapter),
        "Kontoklasse_id": artskonto[0], "Kontoklasse": KONTOKLASSER[artskonto[0]],
        "Kontogruppe_id": artskonto[:2], "Kontogruppe": KONTOGRUPPER[artskonto[:2]],
        "Artskonto_id": artskonto, "Artskonto": ARTSKONTI[artskonto],
        "Fagdepartement_Virksomhet_id": booker.ministry_id,
        "Fagdepartement_Virksomhet": MINISTRIES[booker.ministry_id],
        "Virksomhet_id": booker.org_nr, "Virksomhet": booker.name,
        "Regnskapsfører_id": booker.org_nr, "Regnskapsfører": booker.name,
        "Beløp": amount_text(amount),
    }
    # Konto_no is the statskonto: for a post, its Post_id (the sample row has both "132001").
    row["Konto_no"], row["Konto"] = (row["Post_id"], row["Post"]) if parsed else (konto or ("", ""))
    return _overrides(LEDGER_HEADER, row, columns)


# -- the appropriations ledger: the Bevilgning text says what a row is ---------------------------------------------

_DECIDED: Final = re.compile(r"(?P<year>[0-9]{4})\.(?P<month>[0-9]{2})\.[0-9]{2} ")
_CARRIED: Final = re.compile(r"(?P<word>Overført fra|Overfort fra|Overføres til|Overfores til) (?P<year>[0-9]{4})")


def carried_in_text(from_year: int, *, transliterated: bool = False) -> str:
    """``Overført fra 2020`` (or, as some rows spell it, ``Overfort fra 2020``)."""
    return f"{'Overfort' if transliterated else 'Overført'} fra {from_year}"


def carried_out_text(to_year: int, *, transliterated: bool = False) -> str:
    """``Overføres til 2022`` (or ``Overfores til 2022``)."""
    return f"{'Overfores' if transliterated else 'Overføres'} til {to_year}"


def _year_and_period(description: str) -> tuple[int, str]:
    """The row's year and Periode, read from its description.

    A decision ("2021.06.18 Prp: …") is of its date's year, Periode its month. "Overført fra Y−1" opens
    year Y (Periode ÅÅÅÅ01); "Overføres til Y+1" closes year Y, and has no Periode.
    """
    decided = _DECIDED.match(description)
    if decided:
        return int(decided["year"]), f"{decided['year']}{decided['month']}"
    carried = _CARRIED.fullmatch(description)
    if carried is None:
        raise ValueError(f"{description!r}: give year= and Periode= for a description of no known form")
    if carried["word"].endswith("fra"):
        year = int(carried["year"]) + 1
        return year, f"{year}01"
    return int(carried["year"]) - 1, ""


def appropriation_row(*, account: Account | str = "540.01", amount: Money | int | str = 0,
                      description: str = "2021.01.01 Saldert budsjett 2021", year: int | None = None,
                      padded_chapter: bool = False, **columns: str) -> dict[str, str]:
    """One decision of the appropriations ledger on one chapter/post.

    ``amount`` goes in Bevilgning_beløp with the file's sign (income chapters credit, negative); a
    carried-in row repeats it in Bevilgning_overført_beløp, a carried-out row in
    Bevilgning_overføres_beløp. År and Periode follow from ``description`` (see
    :func:`_year_and_period`); Tildelings_periode is the Periode. Columns may be overridden by name.
    """
    parsed = Account.parse(account)
    derived_year, period = _year_and_period(description)
    carried = _CARRIED.fullmatch(description)
    text = amount_text(amount)
    row = {
        "År": str(year or derived_year), "Periode": period, "Tildelings_periode": period,
        **_chapter_columns(parsed, padded_chapter=padded_chapter),
        "Bevilgning_beløp": text,
        "Bevilgning_overføres_beløp": text if carried and carried["word"].endswith("til") else ",000",
        "Bevilgning_overført_beløp": text if carried and carried["word"].endswith("fra") else ",000",
        "Bevilgning": description,
    }
    return _overrides(APPROPRIATIONS_HEADER, row, columns)


# -- Digdir 2021 ---------------------------------------------------------------------------------------------------
#
# Why the øre. Each exact amount is the printed figure plus an offset of at most ½ kr, so that each
# line prints as Digdir printed it; the offsets are then chosen so that every sum and difference the
# statements compute rounds (half away from zero) to the printed figure too, where the printed terms
# alone give another. The constraints, with the offsets chosen (f = exact − printed):
#
# * Sum utgiftsført, regnskap: printed 971 218 028, the printed lines give 029, so the offsets of the
#   13 expense lines add up to within [−1,50; −0,51]. Its mer-/mindreutgift is printed 203 605 690 =
#   1 092 268 000 − Σ(540 lines), so the offsets of the 540 lines add up to within (−0,50; +0,50].
#   Chosen: the 540 lines −0,15 in all, 541.22 −0,40 and 1633.01 −0,45 (352.71 stays whole: its
#   chargeback limit is 500 000) → 971 218 028,00.
# * Sum inntektsført, regnskap: printed 308 295 518, the printed lines give 517: offsets within
#   [+0,50; +1,49]; its merinntekt 17 210 893 = Σ(3540 lines) − 260 489 000 keeps the 3540 offsets
#   within [−0,50; +0,49]. Chosen: the 3540 lines 0,00 in all, 5309.29 +0,30, 5700.72 +0,40
#   → 308 295 517,70.
# * Netto rapportert: 971 218 028,00 − 308 295 517,70 = 662 922 510,30, printed 662 922 510 (the
#   printed sums give 510 too; the printed lines would give 512).
# * Sum rapportert: exactly 0 (exact amounts leave nothing to round): 662 922 510,30 + 282 853 161,25
#   − 945 080 615,80 − 695 055,75 = 0, each capital account within ½ kr of its printed figure. The
#   printed terms give −1. Endring i mellomværende −695 055,75 = closing −12 404 598,70 − opening
#   −11 709 542,95.
# * Note B 540.25 C = A + B: printed 91 964 391, the printed A and B give 392: the offsets of 540.25's
#   regnskap (+0,40) and of the others' bookings on it (+0,40) add up to within [+0,51; +0,98]:
#   227 079 000 − 22 355 330,40 − 112 759 278,40 = 91 964 391,20 (G and I carry it).
# * The split of 3540.03's merinntekt: printed 1 107 476 + 6 558 750 + 1 560 067 = 9 226 293, one krone
#   above the printed merinntekt 9 226 292. With exact amounts the split adds up exactly, so each share
#   lies below its printed figure: 1 107 475,60 + 6 558 749,55 + 1 560 066,55 = 9 226 291,70, the
#   merinntekt of 3540.03 at 9 316 291,70 (printed 9 316 292).
# * Note B G on the posts the split backs: G = A + D must round to the print, which bounds each post's
#   offset given its share's: 540.01 +0,07 (G 1 362 034,53), 540.21 −0,20 (G 10 786 942,75), 540.28
#   −0,25 (G 71 552,80). Likewise 540.23 −0,15 with 3540.06 +0,10 (G 4 544 773,25) and 540.29 −0,04
#   with 3540.07 −0,05 (G −1 392 279,01).
# * The rest is free within ½ kr: 540.22 +0,12, 540.26 −0,10, 3540.05 +0,25; 540.71 and 352.71 stay
#   whole (a grant of 837 000 and a chargeback of 500 000), 3540.03 −0,30 as above.

# Exact regnskap of each line Digdir reports (income positive, as the statements show it).
ACCOUNTED: Final = {
    "352.71": "500000.00", "540.01": "166719441.07", "540.21": "43879806.80", "540.22": "143249451.12",
    "540.23": "156751601.85", "540.25": "22355330.40", "540.26": "24060009.90", "540.27": "0",
    "540.28": "202753513.75", "540.29": "128056154.96", "540.71": "837000.00", "541.22": "2757999.60",
    "1633.01": "79297718.55",
    "3540.02": "0", "3540.03": "9316291.70", "3540.04": "0", "3540.05": "143072350.25", "3540.06": "2026375.10",
    "3540.07": "123284875.95", "3540.86": "0", "5309.29": "432517.30", "5700.72": "30163107.40",
}
KEYWORDS: Final = {account: ("kan overføres",) for account in
                   ("540.21", "540.23", "540.25", "540.26", "540.28", "540.29")}
# Merinntekt of 3540.03 split over the three posts it backs (the report's text; øre as explained above).
SPLIT_3540_03: Final = (("540.01", "1107475.60"), ("540.21", "6558749.55"), ("540.28", "1560066.55"))
CAPITAL: Final = (("60090701", "Norges Bank KK /innbetalinger", "282853161.25"),
                  ("60090702", "Norges Bank KK/utbetalinger", "-945080615.80"))
TREASURY: Final = ("715006", "Mellomværende med statskassen", "-12404598.70", "-11709542.95")

RNB: Final = "2021.06.18 Prp: p195/20-21 i600/20-21"  # revidert nasjonalbudsjett
NYSALDERING: Final = "2021.12.10 Prp: p24/21-22 i125/21-22"
SALDERT: Final = "2021.01.01 Saldert budsjett 2021"

# The appropriations ledger of Digdir's own posts in 2021, whole kroner, income as budgeted (positive
# here; written with the credit sign): overført fra 2020 (Note A), the decisions (adding up to Note A's
# årets tildelinger), and what was let carry to 2022 (Note B's printed mulig overførbart, where positive).
OWN_POSTS: Final = {  # account: (overført fra 2020, ((description, amount), …), overføres til 2022)
    "540.01": (2551000, ((SALDERT, 158105000), (RNB, 4120000), (NYSALDERING, 2198000)), 1362035),
    "540.21": (3474000, ((SALDERT, 44678000), (NYSALDERING, -44000)), 10786943),
    "540.22": (0, ((SALDERT, 109300000), (RNB, 25700000)), 0),
    "540.23": (12871000, ((SALDERT, 119360000), (RNB, 31000000), (NYSALDERING, -1862000)), 4544773),
    "540.25": (81420000, ((SALDERT, 176298000), (RNB, -30639000)), 91964391),
    "540.26": (4375000, ((SALDERT, 20702000), (NYSALDERING, -20000)), 996990),
    "540.28": (14095000, ((SALDERT, 181892000), (RNB, 5278000)), 71553),
    "540.29": (3379000, ((SALDERT, 112900000), (RNB, 10300000)), 0),
    "540.71": (0, ((SALDERT, 837000),), 0),
    "3540.03": (0, ((SALDERT, 90000),), 0),
    "3540.05": (0, ((SALDERT, 109300000), (RNB, 25700000)), 0),
    "3540.06": (0, ((SALDERT, 4600000), (NYSALDERING, -2501000)), 0),
    "3540.07": (0, ((SALDERT, 112900000), (RNB, 10300000)), 0),
    "3540.86": (0, ((SALDERT, 100000),), 0),
}

# Month weights for spreading a year's amount; a negative weight is a month that goes the other way.
MONTHLY: Final = {1: 8, 2: 8, 3: 9, 4: 8, 5: 8, 6: 9, 7: 4, 8: 8, 9: 9, 10: 9, 11: 9, 12: 11}
CREDIT_IN_JULY: Final = {**MONTHLY, 7: -2}  # a credit note (refund) outweighs July's bookings
QUARTERLY: Final = {3: 1, 6: 1, 9: 1, 12: 1}


@dataclass(frozen=True)
class Booking:
    """A year's bookings on one account string: ``amount`` (None: the rest of the line's regnskap)
    spread over the months by ``weights``. Amounts in the statements' sign (income positive)."""

    artskonto: str
    amount: str | None
    weights: Mapping[int, int] = field(default_factory=lambda: MONTHLY)


# Digdir's own bookings on the lines it reports: several artskonti per post, each spread over months.
DIGDIR_BOOKINGS: Final = {
    "540.01": (Booking("511", None), Booking("540", "14210338.45", QUARTERLY),
               Booking("580", "-2106412.90", {2: 1, 5: 1, 8: 1, 11: 1}),  # sykepengerefusjon: credit rows
               Booking("630", "13417081.25", {1: 1, 4: 1, 7: 1, 10: 1})),
    "540.21": (Booking("670", None), Booking("679", "8410220.00", {4: 1, 9: 2, 12: 3})),
    "540.22": (Booking("679", None),),
    "540.23": (Booking("670", None), Booking("650", "2318904.50", {3: 1, 6: 1, 11: 2})),
    "540.25": (Booking("670", None),),
    "540.26": (Booking("670", None, CREDIT_IN_JULY), Booking("710", "96420.15", {5: 1, 10: 1})),
    "540.27": (Booking("511", "0", {12: 1}),),  # no bookings: one zero row, printed "-"
    "540.28": (Booking("679", None), Booking("670", "31204117.30", QUARTERLY),
               Booking("640", "3759438.00", {1: 1, 7: 1})),
    "540.29": (Booking("679", None),),
    "540.71": (Booking("872", None, {6: 1}),),
    "352.71": (Booking("670", None, {9: 1, 11: 1}),),  # under the chargeback received from KUD
    "541.22": (Booking("670", None, {3: 1, 8: 1, 12: 1}),),  # under the chargeback received from KMD
    "1633.01": (Booking("1987", None),),
    "3540.02": (Booking("310", "0", {12: 1}),),
    "3540.03": (Booking("320", None), Booking("310", "90000.00", {11: 1}), Booking("340", "337976.00", {6: 1, 12: 1})),
    "3540.04": (Booking("310", "0", {12: 1}),),
    "3540.05": (Booking("320", None),),
    "3540.06": (Booking("310", None, CREDIT_IN_JULY),),  # July: a reversal, a debit row on an income post
    "3540.07": (Booking("310", None),),
    "5309.29": (Booking("1985", None),),
    "5700.72": (Booking("1986", None),),
}
# Bookings that cancel out within the year (a correction moved between months): they change no sum.
WASHES: Final = (("540.21", "680", "12345.67", 3, 4), ("540.22", "650", "18750.00", 5, 6))

# Other agencies' bookings on 540.25 under Digdir's given chargeback (medfinansieringsordningen):
# Note B's "utgiftsført av andre", 112 759 278,40 (printed −112 759 278).
CHARGED_TO_540_25: Final = (
    ("889640782", "31250000.00", {3: 1, 9: 1}), ("974761076", "18400000.00", {5: 1, 11: 1}),
    ("971032081", "14985412.50", {6: 1, 12: 1}), ("983544622", "12600000.00", {4: 1, 10: 1}),
    ("960885406", "9873865.90", {8: 1}), ("971040238", "25650000.00", {2: 1, 7: 1, 12: 1}),
)
SKATTEETATEN: Final = "974761076"
TVANGSMULKT: Final = ("3540.86", "150000.00", {4: 2, 10: 1})  # inntektsført av Skatteetaten: credit rows

# Digdir's rows without kapittel/post: its capital accounts and the movements of its mellomværende.
# With them Digdir's rows add up to 0, as every agency's report to the state accounts does.
DIGDIR_BALANCES: Final = (
    ("60090701", "Norges Bank KK /innbetalinger", "196", "282853161.25", QUARTERLY),
    ("60090702", "Norges Bank KK/utbetalinger", "196", "-945080615.80", QUARTERLY),
    ("715006", "Mellomværende med statskassen", "150", "40521.10", {6: 1, 12: 1}),
    ("715006", "Mellomværende med statskassen", "260", "-1987070.35", {12: 1}),
    ("715006", "Mellomværende med statskassen", "270", "1290742.20", {12: 1}),
    ("715006", "Mellomværende med statskassen", "290", "-39248.70", {12: 1}),
)


def _spread(total: Money, weights: Mapping[int, int]) -> list[tuple[int, Money]]:
    """``total`` over the months by weight, to the øre; the last month takes what rounding leaves."""
    whole = sum(weights.values())
    months = sorted(weights)
    parts = [(m, Money(round_half_away(total.ore * weights[m], whole))) for m in months[:-1]]
    return [*parts, (months[-1], total - Money.total(p for _, p in parts))]


def _ledger_sign(account: Account, amount: Money) -> Money:
    """The file's sign: income (chapters ≥ 3000) is a credit, negative."""
    return -amount if account.chapter >= 3000 else amount


def _booking_rows(account: str, agency: str, bookings: Sequence[Booking], total: Money) -> list[dict[str, str]]:
    parsed = Account.parse(account)
    given = Money.total(to_money(b.amount) for b in bookings if b.amount is not None)
    rows = []
    for booking in bookings:
        amount = total - given if booking.amount is None else to_money(booking.amount)
        for month, part in _spread(amount, booking.weights):
            rows.append(ledger_row(account=parsed, agency=agency, artskonto=booking.artskonto,
                                   period=202100 + month, amount=_ledger_sign(parsed, part),
                                   padded_chapter=month % 2 == 0))  # "540" in odd months, "0540" in even
    return rows


def _digdir_rows() -> list[dict[str, str]]:
    rows = []
    for account, bookings in DIGDIR_BOOKINGS.items():
        rows += _booking_rows(account, DIGDIR[0], bookings, to_money(ACCOUNTED[account]))
    for account, artskonto, amount, month, back in WASHES:
        rows += [ledger_row(account=account, artskonto=artskonto, amount=amount, period=202100 + month),
                 ledger_row(account=account, artskonto=artskonto, amount=f"-{amount}", period=202100 + back)]
    for number, text, artskonto, amount, weights in DIGDIR_BALANCES:
        rows += [ledger_row(account=None, konto=(number, text), artskonto=artskonto, amount=part,
                            period=202100 + month) for month, part in _spread(to_money(amount), weights)]
    return rows


def _chargeback_rows() -> list[dict[str, str]]:
    """Other agencies' bookings on Digdir's posts: on 540.25 (several) and Skatteetaten's on 3540.86."""
    rows = []
    for agency, amount, weights in CHARGED_TO_540_25:
        rows += _booking_rows("540.25", agency, (Booking("679", amount, weights),), to_money(amount))
    account, amount, weights = TVANGSMULKT
    rows += _booking_rows(account, SKATTEETATEN, (Booking("399", amount, weights),), to_money(amount))
    return rows


def _noise_rows() -> list[dict[str, str]]:
    """Rows an importer of Digdir's year must leave out: other agencies on other chapters, on the
    felleskapitler and on the chapters Digdir charges; balance rows; a nettobudsjettert agency."""
    uio = "971035854"
    return [
        ledger_row(account="1320.01", agency="971032081", artskonto="301", amount="-847732.87", period=202102),
        ledger_row(account="1320.01", agency="971032081", artskonto="511", amount="23456789.01", period=202102),
        ledger_row(account="1618.01", agency=SKATTEETATEN, artskonto="511", amount="45678901.23", period=202103),
        ledger_row(account="1618.01", agency=SKATTEETATEN, artskonto="670", amount="3210987.65", period=202109),
        ledger_row(account="2410.01", agency="960885406", artskonto="511", amount="12345678.90", period=202105),
        ledger_row(account="595.01", agency="971040238", artskonto="511", amount="8765432.10", period=202111),
        ledger_row(account="541.22", agency="972417858", artskonto="670", amount="1234000.00", period=202104),
        ledger_row(account="541.22", agency="972417858", artskonto="670", amount="5600000.00", period=202110),
        ledger_row(account="352.71", agency="983544622", artskonto="670", amount="1500000.00", period=202109),
        ledger_row(account="1633.01", agency=SKATTEETATEN, artskonto="1987", amount="4567890.12", period=202106),
        ledger_row(account="5700.72", agency="971032081", artskonto="1986", amount="-98765432.10", period=202106),
        ledger_row(account="5309.29", agency="971040238", artskonto="1985", amount="-123456.78", period=202112),
        ledger_row(account=None, agency="971032081", konto=("715006", "Mellomværende med statskassen"),
                   artskonto="260", amount="-1234567.89", period=202112),
        ledger_row(account=None, agency=SKATTEETATEN, konto=("60090701", "Norges Bank KK /innbetalinger"),
                   artskonto="196", amount="987654321.00", period=202112),
        ledger_row(account=None, agency=uio, artskonto="511", amount="123456789.00", period=202106),
        ledger_row(account=None, agency=uio, artskonto="670", amount="9876543.21", period=202106),
        ledger_row(account=None, agency=uio, artskonto="320", amount="-45678901.23", period=202112),
        # an account string whose months cancel out, of another agency on Digdir's own chapter
        ledger_row(account="540.01", agency="971040238", artskonto="670", amount="25000.00", period=202109),
        ledger_row(account="540.01", agency="971040238", artskonto="670", amount="-25000.00", period=202110),
    ]


def _decision_rows(account: str, decisions: Sequence[tuple[str, int]]) -> list[dict[str, str]]:
    parsed = Account.parse(account)
    return [appropriation_row(account=parsed, amount=_ledger_sign(parsed, Money.kroner(amount)),
                              description=description, padded_chapter=index % 2 == 1)
            for index, (description, amount) in enumerate(decisions)]


def _own_appropriation_rows() -> list[dict[str, str]]:
    """2021 of Digdir's own posts; the spellings with and without ø alternate from post to post."""
    rows = []
    for index, (account, (carried_in, decisions, carried_out)) in enumerate(OWN_POSTS.items()):
        plain = index % 2 == 1
        if carried_in:
            rows.append(appropriation_row(account=account, amount=carried_in,
                                          description=carried_in_text(2020, transliterated=plain)))
        rows += _decision_rows(account, decisions)
        if carried_out:
            rows.append(appropriation_row(account=account, amount=carried_out,
                                          description=carried_out_text(2022, transliterated=not plain)))
    return rows


def _other_appropriation_rows() -> list[dict[str, str]]:
    """Rows of 2020 and 2022 on Digdir's posts, and of other chapters: the importer filters them out."""
    rows = []
    for account, (carried_in, _, carried_out) in OWN_POSTS.items():
        if carried_in:  # 2020 let carry what 2021 received
            rows.append(appropriation_row(account=account, amount=carried_in, description=carried_out_text(2021)))
        if carried_out:
            rows.append(appropriation_row(account=account, amount=carried_out,
                                          description=carried_in_text(2021, transliterated=True)))
    rows += _decision_rows("540.01", (("2020.01.01 Saldert budsjett 2020", 160850000),
                                      ("2022.01.01 Saldert budsjett 2022", 171204000)))
    rows += _decision_rows("540.27", (("2020.01.01 Saldert budsjett 2020", 4850000),  # moved to DFØ in 2020
                                      ("2020.06.19 Prp: p127/19-20 i360/19-20", -4850000)))
    rows += _decision_rows("3540.05", (("2020.01.01 Saldert budsjett 2020", 98700000),
                                       ("2022.01.01 Saldert budsjett 2022", 139500000)))
    for account, amount in (("352.71", 30560000), ("541.22", 19619000), ("1320.01", 3924500000),
                            ("1633.01", 8400000000), ("5700.72", 203000000000)):
        rows += _decision_rows(account, ((SALDERT, amount),))
    return rows


# -- the facts file: what the open data do not give -----------------------------------------------------------------

FACTS_TOML: Final = '''\
# Digdir 2021: the facts the open data do not give (format v1, partial). The accounted amounts come
# from the state accounts (Virksomhet_id 991825827), the allocations from the appropriations ledger.
format = "statsbudsjett/1"
agency = "Digitaliseringsdirektoratet"
fiscal_year = 2021

[chapter]
540 = "Digitaliseringsdirektoratet"
3540 = "Digitaliseringsdirektoratet"

# Stikkord (the appropriations ledger has none)
[expense."540.21"]
keywords = ["kan overføres"]

[expense."540.23"]
keywords = ["kan overføres"]

[expense."540.25"]
keywords = ["kan overføres"]

[expense."540.26"]
keywords = ["kan overføres"]

[expense."540.28"]
keywords = ["kan overføres"]

[expense."540.29"]
keywords = ["kan overføres"]

# Merinntektsfullmakter (romertallsvedtak II, Innst. 16 S (2021–2022)). The split of 3540.03 adds
# up to its merinntekt exactly: 9 226 291,70 (the report prints 1 107 476, 6 558 750 and 1 560 067).
[[revenue_authorisation]]
income = ["3540.03"]
expense = ["540.01", "540.21", "540.28"]
allocation = { "540.01" = "1107475.60", "540.21" = "6558749.55", "540.28" = "1560066.55" }

[[revenue_authorisation]]
income = ["3540.05"]
expense = ["540.22"]

[[revenue_authorisation]]
income = ["3540.06"]
expense = ["540.23"]

[[revenue_authorisation]]
income = ["3540.07"]
expense = ["540.29"]

# Belastningsfullmakter. What was used is in the state accounts: others' bookings on the posts given,
# Digdir's own bookings on the posts received.
[[chargeback]]
direction = "given"
account = "540.25"
counterparty = "25 statlige virksomheter (medfinansieringsordningen)"
limit = 163900000

[[chargeback]]
direction = "given"
account = "3540.86"
counterparty = "Skatteetaten (974761076)"

[[chargeback]]
direction = "received"
account = "352.71"
counterparty = "Kulturdepartementet"
limit = 500000

[[chargeback]]
direction = "received"
account = "541.22"
counterparty = "Kommunal- og moderniseringsdepartementet"
limit = 2760000

# Bestillingsfullmakt on 540.28: ramme 50 mill. kroner, 6,7 mill. used.
[[commitment]]
kind = "order"
account = "540.28"
limit = 50000000
commitments = 6700000

# Kapitalkontoer and mellomværende: with these øre, Sum rapportert is exactly 0.
[[capital_account]]
number = "60090701"
text = "Norges Bank KK /innbetalinger"
amount = "282853161.25"

[[capital_account]]
number = "60090702"
text = "Norges Bank KK/utbetalinger"
amount = "-945080615.80"

[treasury_balance]
number = "715006"
text = "Mellomværende med statskassen"
closing = "-12404598.70"
opening = "-11709542.95"
'''

# In account order within each direction, as in the facts file. Used comes from the ledger.
CHARGEBACKS: Final = (  # direction, account, counterparty, limit
    ("given", "540.25", "25 statlige virksomheter (medfinansieringsordningen)", 163900000),
    ("given", "3540.86", "Skatteetaten (974761076)", None),
    ("received", "352.71", "Kulturdepartementet", 500000),
    ("received", "541.22", "Kommunal- og moderniseringsdepartementet", 2760000),
)


# -- the agency-year an importer should build -----------------------------------------------------------------------

def _line_text(account: Account) -> str:
    return CHAPTERS[account.chapter].posts[account.post]


def _expense_line(account: Account) -> ExpenseLine:
    accounted = to_money(ACCOUNTED[str(account)])
    own = OWN_POSTS.get(str(account))
    if own is None:  # reported only: a received chargeback, a felleskapittel, 540.27
        return ExpenseLine(account, _line_text(account), accounted=accounted)
    carried_in, decisions, _ = own
    return ExpenseLine(account, _line_text(account), keywords=KEYWORDS.get(str(account), ()),
                       carried_over=carried_in, allocated=sum(a for _, a in decisions), accounted=accounted)


def _income_line(account: Account) -> IncomeLine:
    own = OWN_POSTS.get(str(account))
    allocated = None if own is None else sum(a for _, a in own[1])
    return IncomeLine(account, _line_text(account), allocated=allocated, accounted=to_money(ACCOUNTED[str(account)]))


def _used(direction: str, account: str) -> Money:
    """What the state accounts say was used under a chargeback."""
    if account == "540.25":
        return Money.total(to_money(amount) for _, amount, _ in CHARGED_TO_540_25)
    if account == TVANGSMULKT[0]:
        return to_money(TVANGSMULKT[1])
    return to_money(ACCOUNTED[account])  # received: Digdir's own bookings on the other's post


def _expected() -> AgencyYear:
    accounts = sorted(Account.parse(a) for a in ACCOUNTED)
    return AgencyYear(
        agency=DIGDIR[1], fiscal_year=2021, ministry=MINISTRIES[AGENCIES[DIGDIR[0]].ministry_id],
        expense=[_expense_line(a) for a in accounts if a.chapter < 3000],
        income=[_income_line(a) for a in accounts if a.chapter >= 3000],
        chapter_names=[(number, CHAPTERS[number].name) for number in sorted({a.chapter for a in accounts})],
        revenue_authorisations=[
            RevenueAuthorisation(["3540.03"], ["540.01", "540.21", "540.28"], allocation=SPLIT_3540_03),
            RevenueAuthorisation(["3540.05"], ["540.22"]), RevenueAuthorisation(["3540.06"], ["540.23"]),
            RevenueAuthorisation(["3540.07"], ["540.29"])],
        chargebacks=[Chargeback(direction, account, _used(direction, account), limit, counterparty)
                     for direction, account, counterparty, limit in CHARGEBACKS],
        commitments=[CommitmentAuthorisation("order", "540.28", 50000000, 6700000)],
        capital_accounts=[CapitalAccount(number, text, amount) for number, text, amount in CAPITAL],
        treasury_balance=TreasuryBalance(*TREASURY),
    )


@dataclass(frozen=True)
class DigdirOpenData:
    """Digdir 2021 in DFØ's open data: what an importer reads, and what it should build."""

    expected: AgencyYear  # exact amounts (øre), precision "exact"
    ledger_rows: list[dict[str, str]]  # statsregnskapet_aar_2021.csv
    appropriation_rows: list[dict[str, str]]  # bevilgninger_full_historikk.csv
    facts_toml: str  # what the open data do not give
    agency_id: str = DIGDIR[0]  # Virksomhet_id


def digdir_2021() -> DigdirOpenData:
    """Digdir 2021: the rows of both ledgers, the facts file, and the agency-year they make."""
    return DigdirOpenData(
        expected=_expected(),
        ledger_rows=[*_digdir_rows(), *_chargeback_rows(), *_noise_rows()],
        appropriation_rows=[*_own_appropriation_rows(), *_other_appropriation_rows()],
        facts_toml=FACTS_TOML,
    )


@dataclass(frozen=True)
class DigdirFiles:
    ledger: Path
    appropriations: Path
    facts: Path


def write_digdir_2021(folder: str | Path, *, zipped: bool = False) -> DigdirFiles:
    """Digdir 2021's three files in ``folder``, named as DFØ names them (``.zip`` when ``zipped``)."""
    folder = Path(folder)
    data = digdir_2021()
    suffix = ".zip" if zipped else ".csv"
    ledger = write_ledger(folder / LEDGER_FILE.format(year=2021).replace(".csv", suffix), data.ledger_rows,
                          zipped=zipped)
    appropriations = write_appropriations(folder / APPROPRIATIONS_FILE.replace(".csv", suffix),
                                          data.appropriation_rows, zipped=zipped)
    facts = folder / "digdir-2021-facts.toml"
    facts.write_text(data.facts_toml, encoding="utf-8")
    return DigdirFiles(ledger, appropriations, facts)


def assert_prints_as_digdir_printed(year: AgencyYear, table: str) -> None:
    """Every figure of ``table`` that ``year`` prints is the one Digdir's report prints (value and "-"),
    row for row in the printed order."""
    from statsbudsjett.io.examples import example_path
    from statsbudsjett.io.published_reader import read_published
    from statsbudsjett.published import publish

    computed = publish(year).table(table)
    printed = read_published(example_path("digdir-2021/published.toml")).table(table)
    assert [r.key for r in computed.rows] == [r.key for r in printed.rows]
    for row in computed.rows:
        printed_row = printed.row(row.key)
        assert printed_row is not None
        for column in sorted({*computed.columns, *printed.columns}):
            assert (row[column].value, row[column].dash) == (printed_row[column].value, printed_row[column].dash), (
                table, row.key, column)

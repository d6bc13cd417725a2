"""Benchmark of the open-data import (issue 9): a state-size ledger, against reading it with the csv module.

    PYTHONPATH=src python benchmarks/bench_import.py           # about three minutes; figures as markdown tables
    PYTHONPATH=src python benchmarks/bench_import.py --quick   # 30 000 rows, fewer runs: a smoke run (20 s)

The files are generated first (a fixed seed, into a temporary folder, removed at the end):
the state accounts of 2021 in DFØ's dialect (28 quoted columns, ``;``, Windows-1252, CRLF,
amounts such as ``"-847732,870"`` and ``",000"``), about 285 000 rows as the real file has,
both as the plain CSV and as ``statsregnskapet_aar_2021.zip`` holding it as DFØ ships it;
and an appropriations ledger (``bevilgninger_full_historikk.csv``) of about 55 000 rows,
2014–2023, every post's decisions. The ledger has some 200 booking agencies (valid
organisasjonsnumre) of Pareto-like sizes, the largest ones the real largest (Forsvaret,
Politiet, Statens vegvesen, …); each books on its own chapters' posts, every one on the
felleskapitler 1633.01, 5309.29 and 5700.72, a quarter also on other agencies' chapters
(belastningsfullmakter); about 10 % of the rows have no kapittel/post (balance accounts,
nettobudsjetterte agencies). One row per month per account string (post × artskonto ×
agency); Norwegian names as long as real ones, about 400 bytes per row (the real sample row
of OPEN-DATA.md § 1.2 has 426). The agency imported is the median one by rows.

Measured in one run, the measurements taking turns (so that a burst of load falls on all
alike), best of N runs, with the garbage collector running as it does for a user:

* the floor: reading the same file with the standard library, ``csv.reader`` over
  ``io.TextIOWrapper(..., "cp1252", newline="")`` of the zip member (or of the CSV), every
  row touched (its agency compared with the one imported);
* ``import_agency_year(agency, 2021, ledger=path)``, for the zip and for the CSV; beside it the
  same with the appropriations ledger too, and for the largest agency. Target: the import in at
  most 2 × the floor (wall-clock, best of N; the ratio of CPU times is shown beside it);
* peak memory: the import in a new process, beside the floor's process. Target: at most
  150 MiB. The peak is the child's own ``VmHWM`` (Linux), not ``ru_maxrss``: see
  :data:`PEAK_REPORT`.

The subprocesses run the package this script imports (its directory is put first on
``PYTHONPATH``), so ``PYTHONPATH=src python benchmarks/bench_import.py`` measures the
checkout. Exit code 1 when a target is missed. Nothing here is a test: timings depend on
the machine, so no test asserts them.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bench_startup_and_verify import environment
from bench_statements import machine, verdicts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the open-data fixtures' vocabulary
import statsbudsjett
from opendata_fixtures import post_type
from statsbudsjett.account import Account
from statsbudsjett.io.importer import import_agency_year

TIME_TARGET = 2.0  # the import ÷ reading the file with the csv module
MEMORY_TARGET = 150  # MiB, peak resident set size of the import's process
YEAR = 2021
SEED = 2021
FULL_ROWS, QUICK_ROWS = 285_000, 30_000
APPROPRIATION_ROWS = 55_000  # the real file's size, whatever the ledger's
LEDGER_MEMBER = f"statsregnskapet_aar_{YEAR}.csv"
APPROPRIATIONS_NAME = "bevilgninger_full_historikk.csv"
MIB = 1024 * 1024

# -- the dialect ------------------------------------------------------------------------------
LEDGER_HEADER = (
    "År", "Periode", "Konto_no", "Konto", "Programområde_id", "Programområde", "Programkategori_id",
    "Programkategori", "Fagdepartement_id", "Fagdepartement", "Kapittel_id", "Kapittel", "Post_id", "Post",
    "Post_type", "Kontoklasse_id", "Kontoklasse", "Kontogruppe_id", "Kontogruppe", "Artskonto_id", "Artskonto",
    "Fagdepartement_Virksomhet_id", "Fagdepartement_Virksomhet", "Virksomhet_id", "Virksomhet",
    "Regnskapsfører_id", "Regnskapsfører", "Beløp",
)
APPROPRIATIONS_HEADER = (
    "År", "Periode", "Tildelings_periode", "Programområde_id", "Programområde", "Programkategori_id",
    "Programkategori", "Fagdepartement_id", "Fagdepartement", "Kapittel_id", "Kapittel", "Post_id", "Post",
    "Post_type", "Bevilgning_beløp", "Bevilgning_overføres_beløp", "Bevilgning_overført_beløp", "Bevilgning",
)


def amount_text(ore: int) -> str:
    """DFØ's form of an amount: kroner, decimal comma, three decimals, no 0 before the comma."""
    kroner, rest = divmod(abs(ore), 100)
    return f"{'-' if ore < 0 else ''}{kroner or ''},{rest:02d}0"


def writer(stream: IO[str]) -> Any:
    """A writer of the dialect: ``;``, every field quoted, CRLF (the encoding is the stream's)."""
    return csv.writer(stream, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")


def organisation_number(rng: random.Random, taken: set[str]) -> str:
    """A new valid organisasjonsnummer: 8 digits and the modulus-11 check digit (weights 3 2 7 6 5 4 3 2)."""
    while True:
        digits = rng.choice("89") + "".join(rng.choice("0123456789") for _ in range(7))
        remainder = sum(int(d) * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        check = 0 if remainder == 0 else 11 - remainder
        number = digits + str(check)
        if check != 10 and number not in taken:
            taken.add(number)
            return number


# -- the state: ministries, agencies, chapters, the kontoplan -----------------------------------
# Fagdepartement_id, name, first chapter, programområde, programkategorier, agencies (name, nettobudsjettert)
MINISTRIES = (
    ("20", "Statsministerens kontor", 20, ("00", "Statsforvaltning"), (
        ("0000", "Konstitusjonelle institusjoner"),),
     ("Statsministerens kontor", "Riksrevisjonen", "Sivilombudet", "Stortinget",
      "Norges nasjonale institusjon for menneskerettigheter", "Det kongelige hoff", "Regjeringsadvokaten",
      "Ombudsmannen for Forsvaret", "Stortingets ombudsmann for forvaltningen")),
    ("01", "Utenriksdepartementet", 100, ("02", "Utenriksformål"), (
        ("0210", "Administrasjon av utenrikstjenesten"), ("0220", "Utenriksformål"),
        ("0230", "Internasjonal bistand og humanitær innsats")),
     ("Utenriksdepartementet", "Direktoratet for utviklingssamarbeid (Norad)", "Norsk senter for utvekslingssamarbeid",
      "Direktoratet for eksportkontroll og sanksjoner")),
    ("02", "Kunnskapsdepartementet", 200, ("07", "Kunnskapsformål"), (
        ("0710", "Administrasjon m.m."), ("0720", "Grunnopplæringen"), ("0740", "Høyere utdanning og fagskoler"),
        ("0750", "Forskning"), ("0780", "Utdanningsfinansiering")),
     ("Kunnskapsdepartementet", "Utdanningsdirektoratet", "Statens lånekasse for utdanning",
      "Direktoratet for høyere utdanning og kompetanse", "Statped", "Nasjonalt organ for kvalitet i utdanningen",
      "Samisk høgskole", "Sikt – Kunnskapssektorens tjenesteleverandør",
      "*Universitetet i Oslo", "*Universitetet i Bergen", "*Norges teknisk-naturvitenskapelige universitet",
      "*UiT Norges arktiske universitet", "*Høgskulen på Vestlandet", "*OsloMet – storbyuniversitetet",
      "*Universitetet i Agder", "*Nord universitet", "*Norges miljø- og biovitenskapelige universitet",
      "*Universitetet i Stavanger", "*Universitetet i Sørøst-Norge", "*Høgskolen i Østfold",
      "*Høgskolen i Innlandet", "*Høgskolen i Molde – vitenskapelig høgskole i logistikk",
      "*Norges idrettshøgskole", "*Norges musikkhøgskole", "*Arkitektur- og designhøgskolen i Oslo",
      "*Kunsthøgskolen i Oslo", "*Norges handelshøyskole", "*Høgskulen i Volda")),
    ("03", "Kulturdepartementet", 300, ("08", "Kulturformål"), (
        ("0810", "Kulturformål"), ("0820", "Tros- og livssynssamfunn"),
        ("0830", "Media og frivillighet"), ("0845", "Likestilling og ikke-diskriminering")),
     ("Kulturdepartementet", "Arkivverket", "Nasjonalbiblioteket", "Norsk kulturråd", "Språkrådet",
      "Medietilsynet", "Lotteri- og stiftelsestilsynet", "Riksteatret", "Kunst i offentlige rom (KORO)",
      "Norsk lyd- og blindeskriftbibliotek")),
    ("04", "Justis- og beredskapsdepartementet", 400, ("06", "Justissektoren"), (
        ("0610", "Administrasjon"), ("0620", "Rettsvesen"), ("0630", "Kriminalomsorg"),
        ("0640", "Politi"), ("0650", "Samfunnssikkerhet og beredskap"),
        ("0660", "Utlendingsforvaltning")),
     ("Justis- og beredskapsdepartementet", "Politiet", "Politidirektoratet", "Politiets sikkerhetstjeneste",
      "Kriminalomsorgsdirektoratet", "Direktoratet for samfunnssikkerhet og beredskap", "Domstoladministrasjonen",
      "Utlendingsdirektoratet", "Utlendingsnemnda", "Statens sivilrettsforvaltning",
      "Kommisjonen for gjenopptakelse av straffesaker", "Sekretariatet for konfliktrådene",
      "Hovedredningssentralen", "Spesialenheten for politisaker", "Riksadvokatembetet", "Politihøgskolen",
      "Kontoret for voldsoffererstatning", "Generaladvokaten", "Sysselmesteren på Svalbard",
      "Kriminalomsorgen region øst", "Kriminalomsorgen region sør", "Kriminalomsorgen region vest",
      "Kriminalomsorgen region nord", "Kriminalomsorgen region sørvest", "Norges høyesterett",
      "Tilsynsrådet for advokatvirksomhet", "Statens barnehus Oslo")),
    ("05", "Kommunal- og moderniseringsdepartementet", 500, ("13", "Statsforvaltning"), (
        ("1310", "Administrasjon m.m."), ("1320", "Statsforvaltningen"),
        ("1340", "IT- og ekompolitikk"), ("1390", "Planlegging, byutvikling og geodata"),
        ("1370", "Bolig, bomiljø og bygg")),
     ("Kommunal- og moderniseringsdepartementet", "Digitaliseringsdirektoratet", "Statens kartverk",
      "Direktoratet for forvaltning og økonomistyring", "Husbanken", "Direktoratet for byggkvalitet",
      "Statsbygg", "Sametinget", "Valgdirektoratet", "Departementenes sikkerhets- og serviceorganisasjon",
      "Distriktssenteret – Kompetansesenter for distriktsutvikling", "Statsforvalteren i Oslo og Viken",
      "Statsforvalteren i Innlandet", "Statsforvalteren i Vestfold og Telemark", "Statsforvalteren i Agder",
      "Statsforvalteren i Rogaland", "Statsforvalteren i Vestland", "Statsforvalteren i Møre og Romsdal",
      "Statsforvalteren i Trøndelag", "Statsforvalteren i Nordland", "Statsforvalteren i Troms og Finnmark",
      "Klagenemndssekretariatet", "Statsforvalterens fellestjenester")),
    ("06", "Arbeids- og sosialdepartementet", 600, ("29", "Sosiale formål"), (
        ("0910", "Administrasjon"), ("0930", "Arbeidsmarked"), ("0940", "Arbeidsmiljø og sikkerhet"),
        ("2970", "Pensjoner")),
     ("Arbeids- og sosialdepartementet", "Arbeids- og velferdsetaten", "Arbeidstilsynet", "Petroleumstilsynet",
      "Statens arbeidsmiljøinstitutt", "Statens pensjonskasse", "Pensjonstrygden for sjømenn", "Trygderetten")),
    ("07", "Helse- og omsorgsdepartementet", 700, ("10", "Helse og omsorg"), (
        ("1000", "Administrasjon m.m."), ("1010", "Folkehelse mv."), ("1020", "Helseforvaltning"),
        ("1040", "Spesialisthelsetjenester"), ("1060", "Kommunale helsetjenester")),
     ("Helse- og omsorgsdepartementet", "Helsedirektoratet", "Folkehelseinstituttet", "Statens helsetilsyn",
      "Direktoratet for e-helse", "Statens legemiddelverk", "Direktoratet for strålevern og atomsikkerhet",
      "Norsk pasientskadeerstatning", "Statens undersøkelseskommisjon for helse- og omsorgstjenesten",
      "Nasjonalt klageorgan for helsetjenesten (Helseklage)", "Bioteknologirådet",
      "Statens helsetilsyns sekretariat for Pasient- og brukerombudet")),
    ("08", "Barne- og familiedepartementet", 800, ("11", "Barne- og familieformål"), (
        ("1110", "Familie og oppvekst"), ("1140", "Barnevernet"), ("1150", "Forbrukerpolitikk")),
     ("Barne- og familiedepartementet", "Barne-, ungdoms- og familiedirektoratet", "Forbrukerrådet",
      "Forbrukertilsynet", "Barneombudet", "Likestillings- og diskrimineringsombudet",
      "Fylkesnemndene for barnevern og sosiale saker", "Bufetat region øst", "Bufetat region sør",
      "Bufetat region vest", "Bufetat region Midt-Norge", "Bufetat region nord")),
    ("09", "Nærings- og fiskeridepartementet", 900, ("17", "Næringsformål"), (
        ("1700", "Forvaltning og rammebetingelser"), ("1710", "Forskning og innovasjon"),
        ("1720", "Fiskeri, havbruk og kystforvaltning"), ("1730", "Statlig eierskap")),
     ("Nærings- og fiskeridepartementet", "Fiskeridirektoratet", "Sjøfartsdirektoratet", "Konkurransetilsynet",
      "Brønnøysundregistrene", "Patentstyret", "Justervesenet", "Norges geologiske undersøkelse",
      "Havforskningsinstituttet", "Direktoratet for mineralforvaltning med Bergmesteren for Svalbard",
      "Norsk akkreditering", "Norsk romsenter", "Klagenemnda for industrielle rettigheter",
      "Garantiinstituttet for eksportkreditt")),
    ("11", "Landbruks- og matdepartementet", 1100, ("15", "Landbruk"), (
        ("1500", "Administrasjon m.m."), ("1510", "Matpolitikk"), ("1520", "Landbrukspolitikk")),
     ("Landbruks- og matdepartementet", "Landbruksdirektoratet", "Mattilsynet", "Veterinærinstituttet",
      "Norsk institutt for bioøkonomi", "Reindriftsforvaltningen i Finnmark")),
    ("13", "Samferdselsdepartementet", 1300, ("21", "Innenlands transport"), (
        ("2110", "Administrasjon"), ("2120", "Luftfart"), ("2130", "Veiformål"),
        ("2140", "Særskilte transporttiltak"), ("2150", "Jernbaneformål"), ("2160", "Kystforvaltning")),
     ("Samferdselsdepartementet", "Statens vegvesen", "Jernbanedirektoratet", "Luftfartstilsynet",
      "Statens jernbanetilsyn", "Nasjonal kommunikasjonsmyndighet", "Statens havarikommisjon", "Kystverket",
      "Kystverket Sørøst", "Kystverket Vest", "Kystverket Midt-Norge", "Kystverket Troms og Finnmark")),
    ("14", "Klima- og miljødepartementet", 1400, ("12", "Klima og miljø"), (
        ("1200", "Fellesoppgaver og forskning"), ("1210", "Naturmangfold og friluftsliv"),
        ("1220", "Kulturminner og kulturmiljø"), ("1240", "Klima, forurensning og polarområdene")),
     ("Klima- og miljødepartementet", "Miljødirektoratet", "Norsk Polarinstitutt", "Riksantikvaren",
      "Artsdatabanken", "Statens naturoppsyn", "Norsk kulturminnefond")),
    ("16", "Finansdepartementet", 1600, ("23", "Finansadministrasjon"), (
        ("2310", "Finansadministrasjon"), ("2320", "Skatt og toll"),
        ("2330", "Offisiell statistikk"), ("2340", "Andre formål")),
     ("Finansdepartementet", "Skatteetaten", "Tolletaten", "Finanstilsynet", "Statistisk sentralbyrå",
      "Statens innkrevingssentral", "Skattedirektoratet, Skatt øst", "Skattedirektoratet, Skatt vest",
      "Skattedirektoratet, Skatt nord", "Skattedirektoratet, Skatt midt-Norge", "Skattedirektoratet, Skatt sør")),
    ("17", "Forsvarsdepartementet", 1700, ("04", "Militært forsvar"), (
        ("0410", "Militært forsvar"), ("0420", "Investeringer"), ("0430", "Drift")),
     ("Forsvarsdepartementet", "Forsvaret", "Forsvarsbygg", "Forsvarsmateriell", "Forsvarets forskningsinstitutt",
      "Nasjonal sikkerhetsmyndighet", "Forsvarets høgskole", "Heimevernet", "Cyberforsvaret",
      "Forsvarets logistikkorganisasjon")),
    ("18", "Olje- og energidepartementet", 1800, ("18", "Olje og energi"), (
        ("1800", "Administrasjon"), ("1810", "Petroleumssektoren"), ("1820", "Energi og vannressurser")),
     ("Olje- og energidepartementet", "Norges vassdrags- og energidirektorat", "Oljedirektoratet",
      "Gassnova SF", "Havtil – Havindustritilsynet")),
)
YMSE = ("23", "Ymse")
LARGEST = (  # the agencies with the most account strings, largest first
    "Forsvaret", "Politiet", "Statens vegvesen", "Arbeids- og velferdsetaten", "Skatteetaten",
    "Kriminalomsorgsdirektoratet", "Domstoladministrasjonen", "Statsbygg", "Tolletaten", "Mattilsynet", "Kystverket",
    "Utlendingsdirektoratet", "Statistisk sentralbyrå", "Forsvarsbygg", "Forsvarsmateriell", "Statens kartverk",
    "Miljødirektoratet", "Helsedirektoratet", "Folkehelseinstituttet", "Jernbanedirektoratet",
)

EXPENSE_POSTS = (  # post, name, how common
    (1, "Driftsutgifter", 1.0), (21, "Spesielle driftsutgifter", 0.6), (22, "Fellestjenester", 0.15),
    (23, "Oppdragsvirksomhet", 0.2), (30, "Bygg og anlegg", 0.05),
    (45, "Større utstyrsanskaffelser", 0.35), (50, "Overføring til fond", 0.1),
    (60, "Tilskudd til kommuner", 0.15), (70, "Tilskudd", 0.3), (71, "Tilskudd til særskilte tiltak", 0.2),
    (72, "Internasjonalt samarbeid", 0.1),
)
CARRYING_POSTS = frozenset({21, 22, 23, 30, 45, 70})  # «kan overføres»: the transfers are in the appropriations
INCOME_POSTS = (
    (1, "Salgsinntekter", 0.6), (2, "Refusjoner", 0.5), (3, "Oppdragsinntekter", 0.35), (86, "Tvangsmulkt", 0.1),
)
COMMON = (  # the felleskapitler: chapter, post, name, post name, artskonto, sign
    (1633, 1, "Nettoordning for mva i staten", "Driftsutgifter", "1987", 1),
    (5309, 29, "Tilfeldige inntekter", "Ymse", "1985", -1),
    (5700, 72, "Folketrygdens inntekter", "Arbeidsgiveravgift", "1986", -1),
)

KONTOKLASSER = {
    "1": "Eiendeler", "2": "Statens kapital og gjeld", "3": "Salgs- og driftsinntekt", "4": "Varekostnad",
    "5": "Lønnskostnad", "6": "Annen driftskostnad", "7": "Annen driftskostnad",
    "8": "Tilskudd og overføringer", "9": "Interne konti og statistikk",
}
KONTOGRUPPER = {
    "15": "Kortsiktige fordringer", "19": "Bankinnskudd og kontanter",
    "26": "Skattetrekk og andre trekk", "27": "Skyldige offentlige avgifter", "29": "Annen kortsiktig gjeld",
    "30": "Salgsinntekt, avgiftspliktig", "31": "Salgsinntekt, avgiftsfri", "32": "Salgsinntekt, unntatt avgift",
    "34": "Tilskudd og overføringer", "36": "Leieinntekter", "39": "Annen driftsrelatert inntekt",
    "40": "Forbruk av råvarer", "43": "Varer for videresalg",
    "50": "Lønn til ansatte", "51": "Lønn til ansatte", "53": "Annen godtgjørelse",
    "54": "Arbeidsgiveravgift", "57": "Offentlig refusjon",
    "58": "Offentlig refusjon", "59": "Annen personalkostnad",
    "63": "Kostnader lokaler", "64": "Leie av maskiner",
    "65": "Inventar og driftsmaterialer", "66": "Reparasjon og vedlikehold",
    "67": "Fremmede tjenester", "68": "Kontorkostnad", "69": "Telefon, porto o.l.",
    "70": "Transportmidler", "71": "Reiser og diett",
    "73": "Reklame og representasjon", "74": "Kontingent og gave",
    "75": "Forsikring og service", "77": "Annen kostnad", "78": "Tap o.l.",
    "87": "Tilskudd og overføringer", "88": "Tilskudd til kommuner",
}
EXPENSE_ARTSKONTI = {
    "400": "Råvarer", "430": "Varer for videresalg",
    "511": "Lønn", "512": "Faste tillegg", "513": "Overtid", "514": "Feriepenger",
    "515": "Ekstrahjelp", "530": "Styrehonorar",
    "531": "Honorarer", "540": "Arbeidsgiveravgift",
    "541": "Pensjonspremie til SPK",
    "570": "Refusjon av sykepenger", "580": "Refusjon for lærlinger",
    "590": "Velferdstiltak", "594": "Kurs og opplæring",
    "630": "Husleie", "632": "Strøm og energi", "633": "Renhold og vakthold", "634": "Vedlikehold lokaler",
    "640": "Leie av maskiner", "650": "Mindre utstyr",
    "651": "Lisenser og programvare", "655": "IT-tjenester", "660": "Vedlikehold av utstyr",
    "670": "Konsulenttjenester", "672": "Juridisk bistand",
    "679": "Andre fremmede tjenester", "680": "Kontorrekvisita", "681": "Trykksaker",
    "690": "Telefon og porto", "700": "Drift av transportmidler",
    "710": "Reiser, oppgavepliktige", "711": "Reiser, ikke oppgavepliktige",
    "730": "Annonser", "740": "Kontingenter",
    "750": "Forsikringer", "770": "Andre kostnader",
    "780": "Tap på fordringer", "870": "Tilskudd til private",
    "872": "Tilskudd, ideelle org.", "880": "Tilskudd til kommuner",
}
INCOME_ARTSKONTI = {
    "301": "Salgsinntekt varer, avgiftspliktig, fortsettelse", "310": "Salg av tjenester",
    "320": "Refusjoner", "321": "Gebyrer",
    "340": "Tilskudd fra EU", "360": "Leieinntekter",
    "390": "Andre inntekter", "399": "Annen driftsrelatert inntekt",
}
BALANCE_ACCOUNTS = (  # Konto_no, Konto, artskonto, name: the kapitalregnskapet's accounts
    *(("715006", "Mellomværende med statskassen", artskonto, name) for artskonto, name in (
        ("150", "Fordringer på ansatte"), ("151", "Forskuddsbetalte kostnader"),
        ("155", "Andre kortsiktige fordringer"),
        ("157", "Fordringer på andre statlige virksomheter"), ("260", "Skyldig skattetrekk"),
        ("261", "Andre trekk av ansatte"), ("270", "Skyldige offentlige avgifter"),
        ("271", "Utgående merverdiavgift"), ("274", "Skyldig arbeidsgiveravgift"),
        ("290", "Annen kortsiktig gjeld"), ("291", "Skyldig lønn og feriepenger"),
        ("294", "Påløpte kostnader"), ("297", "Kortsiktig gjeld til andre statlige virksomheter"))),
    *(("600907", "Norges Bank KK, innbetalinger og utbetalinger", artskonto, name) for artskonto, name in (
        ("190", "Bankinnskudd i Norges Bank"), ("192", "Bankinnskudd i private banker"),
        ("195", "Kontantbeholdning og håndkasse"), ("196", "Oppgjørskonto i Norges Bank"))),
)


@dataclass
class Post:
    chapter: int
    post: int
    name: str
    columns: tuple[str, ...]  # Programområde_id … Post_type, as the file writes them (Fagdepartement from 4)


@dataclass
class Agency:
    number: str
    name: str
    ministry: tuple[str, str]
    netto: bool
    weight: float
    strings: int = 0  # account strings
    posts: list[Post] = field(default_factory=list)  # its own chapters' posts
    rows: int = 0


@dataclass
class State:
    agencies: list[Agency]
    posts: list[Post]  # every post of every chapter, the felleskapitler included


MONTHS_PER_STRING = 0.7 * 12 + 0.3 * 6  # see _months
BALANCE_SHARE = 0.09  # of a gross agency's account strings; the netto agencies' rows have no kapittel/post either
STRINGS_PER_CHAPTER = 90  # what one chapter's posts hold, as agencies use them


def _post(chapter: int, post: int, chapter_name: str, post_name: str, ministry: tuple[str, str],
          area: tuple[str, str], category: tuple[str, str]) -> Post:
    return Post(chapter, post, post_name, (
        area[0], area[1], category[0], category[1], ministry[0], ministry[1], str(chapter), chapter_name,
        f"{chapter:04d}{post:02d}", post_name, post_type(Account(chapter, post))))


def _sizes(agencies: list[Agency], rows: int) -> None:
    """Each agency's account strings, in proportion to its weight (at least a few), about ``rows`` rows."""
    target = rows / MONTHS_PER_STRING
    least = max(3, round(25 * rows / FULL_ROWS))
    scale = target / sum(a.weight for a in agencies)
    for _ in range(5):  # the least size raises the total: scale the others down until it fits
        for agency in agencies:
            agency.strings = max(least, round(scale * agency.weight))
            if agency.netto:
                agency.strings = min(agency.strings, len(BALANCE_ACCOUNTS) + len(EXPENSE_ARTSKONTI))
        scale *= target / sum(a.strings for a in agencies)


def make_state(rng: random.Random, rows: int) -> State:
    """About 190 agencies of Pareto-like sizes (a few very large, most small), each with its own
    chapters: as many as its account strings need, an expense chapter and mostly an income one."""
    taken: set[str] = set()
    agencies: list[Agency] = []
    for ministry_id, ministry_name, _, _, _, names in MINISTRIES:
        for name in names:
            netto = name.startswith("*")
            weight = rng.paretovariate(1.3) * (0.6 if netto else 1.0)  # the netto agencies' rows are few here
            agencies.append(Agency(organisation_number(rng, taken), name.lstrip("*"), (ministry_id, ministry_name),
                                   netto, weight))
    weights = sorted((a.weight for a in agencies if not a.netto), reverse=True)
    big = {name: index for index, name in enumerate(LARGEST)}
    ranked = sorted((a for a in agencies if not a.netto), key=lambda a: big.get(a.name, len(big)))
    for agency, weight in zip(ranked[:len(big)], weights, strict=False):  # the largest weights to the largest
        agency.weight = weight
    for agency, weight in zip(ranked[len(big):], rng.sample(weights[len(big):], len(weights) - len(big)),
                              strict=True):
        agency.weight = weight
    _sizes(agencies, rows)
    posts: list[Post] = []
    by_ministry = iter(agencies)
    chapter = 0
    for _, _, first_chapter, area, categories, names in MINISTRIES:
        chapter = max(chapter, first_chapter)  # a ministry with many chapters runs into the next one's range
        for agency in (next(by_ministry) for _ in names):
            if agency.netto:  # nettobudsjettert: its rows have no kapittel/post
                continue
            category = rng.choice(categories)
            chapter_name = agency.name if len(agency.name) < 60 else agency.name.split(" – ")[0]
            for _ in range(max(1, -(-agency.strings // STRINGS_PER_CHAPTER))):
                chapter += rng.randint(1, 2)
                chosen = [p for p in EXPENSE_POSTS if p[0] == 1 or rng.random() < p[2]]
                agency.posts += [_post(chapter, number, chapter_name, text, agency.ministry, area, category)
                                 for number, text, _ in chosen]
                income = [p for p in INCOME_POSTS if rng.random() < p[2]]
                agency.posts += [_post(chapter + 3000, number, chapter_name, text, agency.ministry, area, category)
                                 for number, text, _ in income]
            posts += agency.posts
    if chapter >= 2300:  # an income chapter 5309 or 5700 would be a felleskapittel
        raise ValueError(f"too many chapters: {chapter}")
    finance = ("16", "Finansdepartementet")
    for chapter, post, chapter_name, post_name, _, _ in COMMON:
        area, category = ((("23", "Finansadministrasjon"), ("2340", "Andre formål")) if chapter == 1633 else
                          (("25", "Skatter og avgifter"), ("2590", "Skatter og avgifter")))
        posts.append(_post(chapter, post, chapter_name, post_name, YMSE if chapter == 5309 else finance, area,
                           category))
    return State(agencies, posts)


# -- the state accounts -------------------------------------------------------------------------
def _amount(rng: random.Random, scale: float, sign: int) -> int:
    """A month's movement in øre: lognormal, now and then negative (a correction), zero or whole kroner."""
    if rng.random() < 0.02:
        return 0
    ore = int(rng.lognormvariate(0, 1.6) * scale * 100)
    if rng.random() < 0.25:
        ore -= ore % 100
    if rng.random() < 0.06:
        sign = -sign
    return sign * ore


def _months(rng: random.Random) -> list[int]:
    """The months an account string has a movement in: most every month, some only a few."""
    if rng.random() < 0.7:
        return list(range(1, 13))
    return sorted(rng.sample(range(1, 13), rng.randint(1, 11)))


def _weighted_sample(rng: random.Random, items: list[tuple[float, Any]], count: int) -> list[Any]:
    """``count`` of ``items`` (weight, item) without replacement, the heavier more likely (Efraimidis–Spirakis)."""
    keyed = sorted(((rng.random() ** (1 / weight), index) for index, (weight, _) in enumerate(items)), reverse=True)
    return [items[index][1] for _, index in keyed[:count]]


# (agency, post or None, artskonto id, artskonto, (Konto_no, Konto) of a row without kapittel/post, sign, scale)
String = tuple[Agency, Post | None, str, str, tuple[str, str] | None, int, float]
COMMON_ARTSKONTI = {"1985": "Gruppelivsforsikring", "1986": "Arbeidsgiveravgift",
                    "1987": "Nettoføringsordning for merverdiavgift"}


def account_strings(rng: random.Random, state: State) -> Iterator[String]:
    """Every account string: post × artskonto × agency, or a row without kapittel/post."""
    common = {p.chapter: p for p in state.posts if p.chapter in (1633, 5309, 5700)}
    gross = [a for a in state.agencies if not a.netto]
    expense_kinds = list(EXPENSE_ARTSKONTI.items())
    income_kinds = list(INCOME_ARTSKONTI.items())
    for agency in state.agencies:
        scale = 20_000 * agency.weight
        count = agency.strings
        balance = min(len(BALANCE_ACCOUNTS), max(1, round(count * BALANCE_SHARE)))
        for konto_no, konto, artskonto, name in rng.sample(BALANCE_ACCOUNTS, balance):
            yield agency, None, artskonto, name, (konto_no, konto), rng.choice((1, -1)), scale * 5
        if agency.netto:  # its grant is booked as income, its costs by artskonto: no kapittel/post
            kinds = _weighted_sample(rng, [(1.0, kind) for kind in expense_kinds + income_kinds], count - balance)
            for artskonto, name in kinds:
                yield agency, None, artskonto, name, ("", ""), -1 if artskonto[0] == "3" else 1, scale
            continue
        for chapter, _, _, _, artskonto, sign in COMMON:  # every gross agency, on the three felleskapitler
            yield agency, common[chapter], artskonto, COMMON_ARTSKONTI[artskonto], None, sign, scale
        own = count - balance - len(COMMON)
        if rng.random() < 0.25:  # on other agencies' chapters (received belastningsfullmakter)
            for _ in range(max(1, own // 25)):
                other = rng.choice(gross)
                if other is not agency:
                    post = rng.choice([p for p in other.posts if p.chapter < 3000])
                    artskonto, name = rng.choice(expense_kinds)
                    own -= 1
                    yield agency, post, artskonto, name, None, 1, scale / 4
        candidates: list[tuple[float, tuple[Post, str, str]]] = []
        for post in agency.posts:  # post 01 takes most of an agency's account strings; wages and rent the most
            if post.chapter >= 3000:
                candidates += [(0.4, (post, *kind)) for kind in income_kinds]
            else:
                weight = 3.0 if post.post == 1 else 1.0
                candidates += [(weight * (2.0 if kind[0][0] == "5" else 1.0), (post, *kind)) for kind in expense_kinds]
        for post, artskonto, name in _weighted_sample(rng, candidates, own):
            sign = -1 if artskonto[0] == "3" else 1
            yield agency, post, artskonto, name, None, sign, scale


def write_ledger(path: Path, state: State, rng: random.Random) -> tuple[int, int]:
    """The state accounts of :data:`YEAR` as the CSV DFØ publishes; the number of data rows, and of
    rows without kapittel/post."""
    written = no_post = 0
    with path.open("w", encoding="cp1252", newline="") as stream:
        out = writer(stream)
        out.writerow(LEDGER_HEADER)
        for agency, post, artskonto, name, balance, sign, scale in account_strings(rng, state):
            klasse, gruppe = artskonto[0], artskonto[:2]
            ministry_id, ministry_name = agency.ministry
            if post is not None:
                chapter_columns = post.columns
                konto = (chapter_columns[8], chapter_columns[9])
            else:  # no kapittel/post: the agency's own ministry disposes of the row
                chapter_columns = ("", "", "", "", ministry_id, ministry_name, "", "", "", "", "")
                konto = balance if balance else ("", "")
            fixed = [*konto, *chapter_columns, klasse, KONTOKLASSER[klasse], gruppe,
                     KONTOGRUPPER.get(gruppe, KONTOKLASSER[klasse]), artskonto, name, ministry_id, ministry_name,
                     agency.number, agency.name, agency.number, agency.name]
            for month in _months(rng):
                out.writerow([str(YEAR), f"{YEAR}{month:02d}", *fixed, amount_text(_amount(rng, scale, sign))])
                agency.rows += 1
                written += 1
                no_post += post is None
    return written, no_post


# -- the appropriations ledger --------------------------------------------------------------------
def write_appropriations(path: Path, state: State, rows: int, rng: random.Random) -> int:
    """Every post's decisions 2014–2023: Saldert budsjett, the year's propositions, the transfers
    «Overført fra» and «Overføres til» on posts that may carry over; about ``rows`` rows."""
    years = range(2014, 2024)
    per_post_year = rows / (len(state.posts) * len(years))
    written = 0
    with path.open("w", encoding="cp1252", newline="") as stream:
        out = writer(stream)
        out.writerow(APPROPRIATIONS_HEADER)
        for post in state.posts:
            sign = -1 if post.chapter >= 3000 else 1
            base = int(rng.lognormvariate(16, 1.8)) * 100 // 1000 * 1000
            carries = post.chapter < 3000 and post.post in CARRYING_POSTS
            for year in years:
                extra = max(0, round(rng.gauss(per_post_year - (2.6 if carries else 1), 1)))
                entries = [(f"{year}.01.01 Saldert budsjett {year}", f"{year}01", sign * base)]
                for _ in range(extra):
                    month = rng.choice((2, 4, 5, 6, 6, 6, 11, 12, 12))
                    session = f"{year % 100 - 1:02d}-{year % 100:02d}" if month < 7 else \
                        f"{year % 100:02d}-{year % 100 + 1:02d}"
                    day = rng.randint(1, 28)
                    entries.append((f"{year}.{month:02d}.{day:02d} Prp: p{rng.randint(1, 199)}/{session} "
                                    f"i{rng.randint(1, 600)}/{session}", f"{year}{month:02d}",
                                    sign * rng.randint(-base // 20 - 1, base // 10 + 1) // 1000 * 1000))
                transfers = []
                if carries:
                    plain = rng.random() < 0.5  # some rows are written without ø
                    carried_in = sign * rng.randint(0, base // 20 + 1) * 100
                    carried_out = sign * rng.randint(0, base // 20 + 1) * 100
                    transfers = [(f"{'Overfort' if plain else 'Overført'} fra {year - 1}", f"{year}01", carried_in, 2),
                                 (f"{'Overfores' if plain else 'Overføres'} til {year + 1}", "", carried_out, 1)]
                for description, period, amount in entries:
                    out.writerow([str(year), period, period, *post.columns, amount_text(amount), ",000", ",000",
                                  description])
                    written += 1
                for description, period, amount, column in transfers:
                    amounts = [amount_text(amount), ",000", ",000"]
                    amounts[column] = amounts[0]
                    out.writerow([str(year), period, period, *post.columns, *amounts, description])
                    written += 1
    return written


@dataclass
class Files:
    folder: Path
    zip: Path
    csv: Path
    appropriations: Path
    rows: int
    no_post: int  # rows without kapittel/post
    appropriation_rows: int
    agencies: int
    agency: Agency  # the one imported: the median gross agency by rows
    largest: Agency  # the gross agency with the most rows
    seconds: float


def generate(folder: Path, rows: int) -> Files:
    """The files in ``folder``, from :data:`SEED`; the agency imported is the median gross agency by rows."""
    start = time.perf_counter()
    rng = random.Random(SEED)
    state = make_state(rng, rows)
    csv_path = folder / LEDGER_MEMBER
    written, no_post = write_ledger(csv_path, state, rng)
    zip_path = folder / LEDGER_MEMBER.replace(".csv", ".zip")
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(csv_path, LEDGER_MEMBER)
    appropriations = folder / APPROPRIATIONS_NAME
    appropriation_rows = write_appropriations(appropriations, state, APPROPRIATION_ROWS, rng)
    gross = sorted((a for a in state.agencies if not a.netto), key=lambda a: (a.rows, a.number))
    return Files(folder, zip_path, csv_path, appropriations, written, no_post, appropriation_rows, len(state.agencies),
                 gross[len(gross) // 2], gross[-1], time.perf_counter() - start)


# -- what is measured -------------------------------------------------------------------------------
def read_with_csv(path: Path, agency: str) -> int:
    """The floor: every row of the file read with the csv module (the zip's member streamed), its
    agency compared with the one imported; the agency's rows."""
    with ExitStack() as stack:
        if zipfile.is_zipfile(path):
            archive = stack.enter_context(zipfile.ZipFile(path))
            binary = stack.enter_context(archive.open(archive.infolist()[0]))
        else:
            binary = stack.enter_context(path.open("rb"))
        text = io.TextIOWrapper(binary, "cp1252", newline="")
        reader = csv.reader(text, delimiter=";")
        column = next(reader).index("Virksomhet_id")
        mine = 0
        for row in reader:
            if row[column] == agency:
                mine += 1
        return mine


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``work()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


FLOOR_SCRIPT = """\
import csv, io, sys, zipfile
from contextlib import ExitStack
path, agency = sys.argv[1:]
with ExitStack() as stack:
    if zipfile.is_zipfile(path):
        archive = stack.enter_context(zipfile.ZipFile(path))
        binary = stack.enter_context(archive.open(archive.infolist()[0]))
    else:
        binary = stack.enter_context(open(path, "rb"))
    reader = csv.reader(io.TextIOWrapper(binary, "cp1252", newline=""), delimiter=";")
    column = next(reader).index("Virksomhet_id")
    mine = sum(1 for row in reader if row[column] == agency)
"""
IMPORT_SCRIPT = """\
import sys
from statsbudsjett.io.importer import import_agency_year
agency, ledger = sys.argv[1:3]
appropriations = sys.argv[3] if len(sys.argv) > 3 else None
result = import_agency_year(agency, 2021, ledger=ledger, appropriations=appropriations)
"""


# The child reports its own peak. Not ``ru_maxrss``: Linux keeps a process's high-water mark across
# ``exec``, so a child's ``ru_maxrss`` (``os.wait4``, ``RUSAGE_CHILDREN``, even its own ``RUSAGE_SELF``) is at
# least the resident size of the parent it was forked from — here the parent that generated the files.
# ``VmHWM`` of /proc/self/status is the peak of the program the child runs, from its ``exec`` on.
PEAK_REPORT = """
import resource as _resource, sys as _sys
try:
    with open("/proc/self/status") as _status:
        _peak = next(int(_line.split()[1]) for _line in _status if _line.startswith("VmHWM:"))
except (OSError, StopIteration):  # not Linux: ru_maxrss (bytes on macOS), which counts the parent's pages
    _peak = _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss // (1024 if _sys.platform == "darwin" else 1)
print("peak KiB", _peak)
"""


def peak_rss(script: str, arguments: list[str], env: dict[str, str]) -> float:
    """The peak resident set size of a new ``python -c script arguments…``, MiB."""
    done = subprocess.run([sys.executable, "-c", script + PEAK_REPORT, *arguments], env=env, capture_output=True,
                          text=True)
    if done.returncode:
        raise SystemExit(f"python -c {script[:40]!r}… failed ({done.returncode}):\n{done.stderr}")
    return int(done.stdout.rsplit("peak KiB", 1)[1]) / 1024


def number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB".replace(",", " ")


def seconds(value: float) -> str:
    return f"{value:.2f}"


EXTRA_LINES = frozenset({"import zip + appropriations", "import zip, the largest"})


def bench_time(files: Files, repeat: int, extra_repeat: int) -> dict[str, float]:
    """Best of ``repeat`` runs (``extra_repeat`` for the lines under no target), the measurements
    taking turns; the ratios import ÷ floor."""
    agency = files.agency.number
    work: dict[str, Callable[[], object]] = {
        "floor zip": lambda: read_with_csv(files.zip, agency),
        "import zip": lambda: import_agency_year(agency, YEAR, ledger=files.zip),
        "floor csv": lambda: read_with_csv(files.csv, agency),
        "import csv": lambda: import_agency_year(agency, YEAR, ledger=files.csv),
        "import zip + appropriations": lambda: import_agency_year(agency, YEAR, ledger=files.zip,
                                                                  appropriations=files.appropriations),
        "import zip, the largest": lambda: import_agency_year(files.largest.number, YEAR, ledger=files.zip),
    }
    mine = read_with_csv(files.csv, agency)
    result = import_agency_year(agency, YEAR, ledger=files.zip)  # a warm-up, and what the import builds
    times: dict[str, list[float]] = {label: [] for label in work}
    cpu: dict[str, list[float]] = {label: [] for label in work}
    for round_ in range(repeat):
        for label, run in work.items():
            if round_ >= extra_repeat and label in EXTRA_LINES:
                continue
            wall, used = timed(run)
            times[label].append(wall)
            cpu[label].append(used)
    best = {label: min(values) for label, values in times.items()}
    best_cpu = {label: min(values) for label, values in cpu.items()}
    year = result.year
    runs = f"best of {repeat} runs" + (f", the last two lines of {extra_repeat}" if extra_repeat < repeat else "")
    print(f"\n### Time ({runs}, the measurements taking turns, seconds)\n")
    print(f"The agency imported: {files.agency.name} ({agency}), {number(mine)} of the ledger's "
          f"{number(files.rows)} rows; the agency-year built has {len(year.expense)} expense and "
          f"{len(year.income)} income lines, {len(year.chargebacks)} chargebacks and {len(result.artskonto)} "
          "artskonto totals. Beside the wall-clock ratio, the ratio of the best CPU times (less disturbed "
          "by other processes).\n")
    print("| What | zip: best (median) | × the floor | × on CPU time | CSV: best (median) | × the floor "
          "| × on CPU time |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")

    def cell(label: str, floor: str | None, *, target: bool = True) -> str:
        if floor is None:
            return f"{best[label]:.2f} ({statistics.median(times[label]):.2f}) | 1.00 | 1.00"
        ratio = f"{best[label] / best[floor]:.2f}"
        return (f"{best[label]:.2f} ({statistics.median(times[label]):.2f}) | {f'**{ratio}**' if target else ratio} | "
                f"{best_cpu[label] / best_cpu[floor]:.2f}")

    print(f"| the floor: `csv.reader` over the file, every row's agency compared | {cell('floor zip', None)} | "
          f"{cell('floor csv', None)} |")
    print(f"| `import_agency_year(agency, {YEAR}, ledger=…)` | {cell('import zip', 'floor zip')} | "
          f"{cell('import csv', 'floor csv')} |")
    extra = best["import zip + appropriations"] - best["import zip"]
    print(f"| … and `appropriations=` ({number(files.appropriation_rows)} rows, CSV) | "
          f"{cell('import zip + appropriations', 'floor zip', target=False)} | | | |")
    print(f"| … the largest agency instead ({files.largest.name}, {number(files.largest.rows)} rows) | "
          f"{cell('import zip, the largest', 'floor zip', target=False)} | | | |")
    print(f"\nPer row of the ledger: the floor {best['floor zip'] / files.rows * 1e6:.2f} µs, the import "
          f"{best['import zip'] / files.rows * 1e6:.2f} µs (zip); per row of the appropriations ledger "
          f"{extra / files.appropriation_rows * 1e6:.1f} µs.")
    return {"zip": best["import zip"] / best["floor zip"], "csv": best["import csv"] / best["floor csv"]}


def bench_memory(files: Files, runs: int) -> float:
    """Peak RSS of new processes, the commands taking turns; the import's largest peak, MiB."""
    agency = files.agency.number
    commands: dict[str, tuple[str, list[str]]] = {
        "`python -c pass`": ("pass", []),
        "the floor: python reading the zip with `csv`": (FLOOR_SCRIPT, [str(files.zip), agency]),
        "the floor: python reading the CSV with `csv`": (FLOOR_SCRIPT, [str(files.csv), agency]),
        "`python -c 'import statsbudsjett.io.importer'`": ("import statsbudsjett.io.importer", []),
        "**the import, zip**": (IMPORT_SCRIPT, [agency, str(files.zip)]),
        "**the import, CSV**": (IMPORT_SCRIPT, [agency, str(files.csv)]),
        "the import, zip + appropriations": (IMPORT_SCRIPT, [agency, str(files.zip), str(files.appropriations)]),
        f"the import, zip, the largest agency ({number(files.largest.rows)} rows)":
            (IMPORT_SCRIPT, [files.largest.number, str(files.zip)]),
    }
    peaks: dict[str, list[float]] = {label: [] for label in commands}
    with tempfile.TemporaryDirectory(prefix="statsbudsjett-bench-") as cache:
        env = environment(Path(cache))  # bytecode cached, as after pip install; the checkout first on the path
        peak_rss(IMPORT_SCRIPT, [agency, str(files.zip)], env)  # the warm-up run writes the bytecode
        for _ in range(runs):
            for label, (script, arguments) in commands.items():
                peaks[label].append(peak_rss(script, arguments, env))
    print(f"\n### Peak memory of a new process (resident set size, {runs} runs each, bytecode cached, MiB)\n")
    print("| Process | median | max |")
    print("| --- | ---: | ---: |")
    for label, values in peaks.items():
        print(f"| {label} | {statistics.median(values):.1f} | {max(values):.1f} |")
    return max(max(peaks["**the import, zip**"]), max(peaks["**the import, CSV**"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ROWS:,} rows and fewer runs (a smoke run)")
    parser.add_argument("--rows", type=int, help=f"rows of the ledger (default {FULL_ROWS:,})")
    args = parser.parse_args()
    rows = args.rows or (QUICK_ROWS if args.quick else FULL_ROWS)
    # a smoke run's timings are short (0.1 s), so more of them: a burst of load falls on one alone
    repeat, extra_repeat, runs = (9, 3, 2) if args.quick else (7, 7, 3)
    print(f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; load average {os.getloadavg()[0]:.2f}; "
          f"package {Path(statsbudsjett.__file__).resolve().parent}.")
    with tempfile.TemporaryDirectory(prefix="statsbudsjett-bench-import-") as folder:
        files = generate(Path(folder), rows)
        size, packed = files.csv.stat().st_size, files.zip.stat().st_size
        appropriations = files.appropriations.stat().st_size
        print(f"\n### The files (seed {SEED}, generated in {files.seconds:.1f} s)\n")
        print("| File | Rows | Size | Bytes per row |")
        print("| --- | ---: | ---: | ---: |")
        print(f"| `{files.csv.name}`: {files.agencies} agencies, {files.no_post / files.rows:.1%} of the rows "
              f"without kapittel/post | {number(files.rows)} | {mb(size)} | {size / files.rows:.0f} |")
        print(f"| `{files.zip.name}` (the CSV deflated) | | {mb(packed)} | |")
        print(f"| `{files.appropriations.name}`, 2014–2023 | {number(files.appropriation_rows)} | "
              f"{mb(appropriations)} | {appropriations / files.appropriation_rows:.0f} |")
        ratios = bench_time(files, repeat, extra_repeat)
        peak = bench_memory(files, runs)
    missed = verdicts([("time, zip: the import ÷ reading it with `csv`", ratios["zip"], TIME_TARGET, ""),
                       ("time, CSV: the import ÷ reading it with `csv`", ratios["csv"], TIME_TARGET, ""),
                       ("peak memory of the import's process", peak, MEMORY_TARGET, " MiB")])
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The HTML page (``report --format html``, ``verify --format html``), read back with the stdlib's parser.

No browser: the page is parsed with :mod:`html.parser` — its tables, their headings, the figures
as printed, the cells' keys, and on verify's page the cells marked for a deliberate error, a
rounding difference and a warning, and the list of findings. (The screenshots in docs/images
were taken with headless Chromium; see docs/verify.md.)
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import attrs
import pytest
from attrs import define, field

import statsbudsjett as sb
from statsbudsjett.cli import EXIT_FINDINGS, EXIT_OK, compute, main
from statsbudsjett.findings import CellRef
from statsbudsjett.io.api import load_published
from statsbudsjett.io.html_page import report_page, verify_page
from statsbudsjett.io.published_tables import published_tables
from statsbudsjett.io.tables import Language, TableLayout, appropriation_tables, note_a_tables, note_b_tables
from statsbudsjett.published import Figure
from test_render import tricky_year


# -- the page, parsed ------------------------------------------------------------------------------
@define
class Cell:
    text: str
    attrs: dict[str, str]
    tag: str

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


@define
class Table:
    classes: set[str]
    headers: list[str] = field(factory=list)
    rows: list[tuple[set[str], list[Cell]]] = field(factory=list)


class Page(HTMLParser):
    """Everything a test looks at: the title, the style, the tables, every element's id and data-cell."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.style = ""
        self.lang = ""
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.tables: list[Table] = []
        self.ids: list[str] = []
        self.cells: dict[str, Cell] = {}  # by data-cell
        self.headings: list[str] = []
        self._stack: list[str] = []
        self._cell: Cell | None = None
        self._in_head = False
        self._text: list[str] = []
        self.text = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attributes}
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "table":
            self.tables.append(Table(set(attrs.get("class", "").split())))
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head and self.tables:
            self.tables[-1].rows.append((set(attrs.get("class", "").split()), []))
        elif tag in ("td", "th"):
            self._cell = Cell("", attrs, tag)
        self._stack.append(tag)
        self._text = [] if tag in ("title", "style", "h1", "h2", "h3") else self._text

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            cell, self._cell = self._cell, None
            cell.text = cell.text.strip()
            table = self.tables[-1] if self.tables else None
            if self._in_head and table is not None:
                table.headers.append(cell.text)
            elif table is not None and table.rows:
                table.rows[-1][1].append(cell)
            if "data-cell" in cell.attrs:
                assert cell.attrs["data-cell"] not in self.cells, f"{cell.attrs['data-cell']} twice"
                self.cells[cell.attrs["data-cell"]] = cell
        elif tag == "title":
            self.title = "".join(self._text)
        elif tag == "style":
            self.style = "".join(self._text)
        elif tag in ("h1", "h2", "h3"):
            self.headings.append("".join(self._text).strip())
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data
        self._text.append(data)


def printed(cell: object, zero: str) -> str:
    """A layout's cell as a report prints it (the text of a td)."""
    if cell is None:
        return ""
    if isinstance(cell, sb.Money):
        return zero if cell.round_kroner() == 0 else cell.format()
    return str(cell)


def body_rows(table: Table) -> list[tuple[set[str], list[Cell]]]:
    return [(classes, cells) for classes, cells in table.rows if "section" not in classes]


def assert_tables_as_laid_out(tables: list[Table], layouts: list[TableLayout]) -> None:
    """The page's tables are the layouts: headings, every row's cells as printed, the keys of the figures."""
    assert len(tables) == len(layouts)
    for table, layout in zip(tables, layouts, strict=True):
        assert table.headers == list(layout.headers)
        rows = body_rows(table)
        assert len(rows) == len([r for r in range(len(layout.rows)) if not _heading(layout, r)])
        data_rows = [r for r in range(len(layout.rows)) if not _heading(layout, r)]
        for (classes, cells), r in zip(rows, data_rows, strict=True):
            assert layout.kinds[r].value in classes
            span = int(cells[0].attrs.get("colspan", "1"))
            texts = [printed(c, layout.zero) for c in layout.rows[r]]
            assert [c.text for c in cells] == [texts[0], *texts[span:]]
            assert all(t == "" for t in texts[1:span])  # a sum line's label spans only empty text cells
            for cell, c in zip(cells[1:], range(span, len(texts)), strict=True):
                key = layout.cell_key(r, c)
                assert ("amount" in cell.classes) is (c in layout.amount_columns)
                if key is None:
                    assert "data-cell" not in cell.attrs
                else:
                    assert cell.attrs["data-cell"] == " ".join(key)
                    assert cell.attrs["id"]


def _heading(layout: TableLayout, r: int) -> bool:
    from statsbudsjett.io.published_tables import is_heading

    return bool(layout.row_keys) and is_heading(layout, r)


# -- the report page ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def digdir() -> sb.AgencyYear:
    return sb.load_example()


@pytest.fixture(scope="module")
def report(digdir) -> Page:
    return Page(report_page(compute("report", digdir)))


def test_the_page_is_one_self_contained_document(report):
    assert report.title == "Digitaliseringsdirektoratet 2021 – Bevilgningsrapportering, Note A og Note B"
    assert report.lang == "nb"
    tags = {tag for tag, _ in report.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    assert not [a for _, a in report.tags if any(v.startswith(("http:", "https:", "//")) for v in a.values())]
    assert sum(tag == "style" for tag, _ in report.tags) == 1


def test_the_page_prints_on_a4_landscape(report):
    style = report.style
    assert "@page { size: A4 landscape; margin:" in style
    assert "tr { break-inside: avoid;" in style  # a row is never split over two pages
    assert "thead { display: table-header-group; }" in style  # headings repeat on every page
    assert "font-variant-numeric: tabular-nums" in style
    assert ".amount { text-align: right; white-space: nowrap; }" in style
    assert "main > section.part + section.part { break-before: page;" in style  # each statement on a new page


def test_the_report_page_has_dfos_tables_as_printed(report, digdir):
    layouts = [*appropriation_tables(sb.appropriation_report(digdir)), *note_a_tables(sb.note_a(digdir)),
               *note_b_tables(sb.note_b(digdir))]
    assert_tables_as_laid_out(report.tables, layouts)
    assert report.headings[:2] == ["Digitaliseringsdirektoratet", "Oppstilling av bevilgningsrapportering 31.12.2021"]
    assert "Note A: Forklaring av samlet tildeling utgifter" in report.headings


def test_each_figure_carries_its_key_and_an_id(report):
    cell = report.cells["note_b 540.25 transferable"]
    assert (cell.text, cell.attrs["id"]) == ("91 964 392", "note_b-540.25-transferable")
    total = report.cells["appropriation Sum utgiftsført accounted"]
    assert total.attrs["id"] == "appropriation-Sum_utgiftsført-accounted"  # spaces in a row key become _
    assert report.cells["appropriation 540.22 difference"].text == "-8 249 451"
    assert report.cells["note_a 540.22 carried_over"].text == "-"  # Note A prints nothing as "-"
    assert report.cells["note_b 540.22 transferable"].text == ""  # Note B leaves it empty
    assert len(report.ids) == len(set(report.ids))


def test_sum_rows_are_marked(report):
    expense = report.tables[0]
    classes, cells = expense.rows[-1]
    assert "sum" in classes and cells[0].text == "Sum utgiftsført" and cells[0].attrs["colspan"] == "5"
    income = report.tables[1]
    assert "sum" in income.rows[-1][0] and income.rows[-1][1][0].text == "Netto rapportert til bevilgningsregnskapet"


def test_english_labels_and_language(digdir):
    page = Page(report_page(compute("report", digdir), language="en"))
    assert page.lang == "en"
    assert page.title == "Digitaliseringsdirektoratet 2021 – Appropriation report, Note A and Note B"
    assert page.tables[4].headers[0] == "Chapter and post"  # Note A


def test_text_is_escaped():
    page_text = report_page(sb.appropriation_report(tricky_year()))
    assert "<b>" not in page_text and "<i>" not in page_text
    page = Page(page_text)
    assert page.title.startswith("Etat <b>& 2021")
    assert page.tables[0].rows[0][1][3].text == 'Drift <b>& "sitat" | pipe, komma'


def test_the_page_says_whole_kroner_only_when_no_figure_has_ore(digdir):
    assert "Beløp i hele kroner." in report_page(compute("report", digdir))
    year = sb.AgencyYear("Øreetaten", 2024, expense=[
        sb.ExpenseLine("1234.01", "Driftsutgifter", allocated="1000.10", accounted="999.25")])
    page = report_page(sb.note_a(year))
    assert "1 000,10" in page  # printed with its øre, so the page may not say "whole kroner"
    assert "hele kroner" not in page and "Beløp i kroner, med øre der tallet har øre." in page
    assert "Amounts in kroner, with øre" in report_page(sb.note_a(year), language="en")


def test_explanations_are_a_hook_on_the_figures(digdir):
    key = ("note_b", "540.25", "transferable")
    text = "C + D + E + F = 91 964 392\n(kan overføres: no cap)"
    page_text = report_page(sb.note_b(digdir), explanations={key: text})
    page = Page(page_text)
    cell = page.cells["note_b 540.25 transferable"]
    assert "explained" in cell.classes and cell.attrs["title"] == text
    assert '<a href="#why-note_b-540.25-transferable">91 964 392</a>' in page_text
    assert "why-note_b-540.25-transferable" in page.ids  # the explanation, under the tables, links back
    assert '<a href="#note_b-540.25-transferable">Note B · 540.25 · Mulig overførbart beløp' in page_text
    assert "Forklaring av tallene" in page.headings
    assert "explained" not in page.cells["note_b 540.21 transferable"].classes
    assert "Forklaring av tallene" not in Page(report_page(sb.note_b(digdir))).headings


def test_the_command_writes_the_page_and_a_statement_its_fragment(capsys):
    assert main(["report", "--format", "html"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and out.endswith("</html>\n")
    assert main(["note-b", "--format", "html"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("<h2>Note B:")


# -- the verify page ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def digdir_printed() -> sb.PublishedReport:
    return load_published()


@pytest.fixture(scope="module")
def broken(digdir_printed) -> sb.PublishedReport:
    """Digdir 2021 with one deliberate error: Note A's samlet tildeling for 540.26 1 kr up."""
    cell = CellRef("note_a", "540.26", "total")
    figure = Figure(sb.Money.kroner(25_057_001), location=digdir_printed.figure(cell).location)
    return digdir_printed.with_figure(cell, figure)


@pytest.fixture(scope="module")
def broken_page(broken) -> tuple[Page, sb.VerifyReport]:
    result = sb.verify(broken)
    text = verify_page(broken, result)
    page = Page(text)
    page.text = text
    return page, result


def test_the_verify_page_shows_the_tables_as_printed(digdir_printed):
    page = Page(verify_page(digdir_printed))
    assert page.title == "Kontroll: Digitaliseringsdirektoratet 2021"
    tables = [t for t in page.tables if "findings" not in t.classes]
    assert_tables_as_laid_out(tables, published_tables(digdir_printed))
    for cell, figure in digdir_printed.figures():  # every printed figure, as printed, under its key
        shown = page.cells[str(cell)].text
        assert shown == ("-" if figure.dash else "" if figure.value is None else figure.value.format()), cell
    assert page.cells["note_a 540.22 carried_over"].text == "-"
    assert page.cells["note_8 Omløpsmidler: Kundefordringer booked"].text == "3 210 820"
    assert "Omløpsmidler" in [cells[0].text for t in tables if "note-8" in t.classes
                              for classes, cells in t.rows if "section" in classes]


def test_an_error_a_warning_and_a_rounding_difference_are_marked(broken_page):
    page, result = broken_page
    error = page.cells["appropriation 540.26 total_allocation"]
    assert "error" in error.classes
    assert "cross.note-a-allocation" in error.attrs["title"]
    finding = next(f for f in result.errors if f.rule == "cross.note-a-allocation")
    assert finding.message.no in error.attrs["title"]
    rounding = page.cells["appropriation Sum utgiftsført accounted"]
    assert "rounding" in rounding.classes and "appropriation.sum" in rounding.attrs["title"]
    warning = page.cells["note_b 540.22 basis"]
    assert "warning" in warning.classes and "rules.overspend" in warning.attrs["title"]
    marked = {key for key, cell in page.cells.items() if cell.classes & {"error", "warning", "rounding"}}
    expected = {str(f.cell) for f in result.findings
                if f.is_error or f.severity is sb.Severity.WARNING or f.status.value == "rounding"}
    assert marked == expected & set(page.cells)
    assert "exact" not in {c for cell in page.cells.values() for c in cell.classes}


def test_the_legend_and_the_verdict(broken_page):
    page, result = broken_page
    swatches = [a["class"] for tag, a in page.tags if tag == "span" and "swatch" in a.get("class", "")]
    assert swatches == ["swatch error", "swatch warning", "swatch rounding"]
    assert "Merking i tabellene" in page.headings
    assert result.summary.errors == 1


def test_every_finding_is_listed_below_the_tables(broken_page):
    page, result = broken_page
    findings = [t for t in page.tables if "findings" in t.classes]
    assert len(findings) == 2  # the problems and rounding differences, then (folded) the checks that hold
    assert findings[0].headers == ["Alvorlighet", "Status", "Regel", "Tall", "Trykt", "Forventet", "Differanse",
                                   "Toleranse", "Melding", "Sted"]
    listed = [cells for _, cells in findings[0].rows]
    shown = [f for f in result.findings if f.is_problem or f.status.value == "rounding"]
    assert len(listed) == len(shown)
    assert len(findings[1].rows) == len(result.findings) - len(shown)
    first = [c.text for c in listed[0]]  # errors first
    assert first[:3] == ["feil", "feil", "cross.note-a-allocation"]
    assert first[3] == "Bevilgningsrapportering · 540.26 · Samlet tildeling"
    assert first[4:8] == ["25 057 000", "25 057 001", "-1", "0"]
    assert first[9].endswith("published.toml:66:20")
    assert listed[1][0].text == "advarsel"  # then the warning, then the rounding differences
    assert {c.text for c in listed[-1]} >= {"merknad", "avrunding"}
    target = page.cells["appropriation 540.26 total_allocation"].attrs["id"]
    assert f'<a href="#{target}">Bevilgningsrapportering · 540.26 · Samlet tildeling</a>' in page.text


def test_verify_html_on_the_command_line(capsys, tmp_path):
    assert main(["verify", "--format", "html"]) == EXIT_OK  # Digdir 2021: no error
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "Ingen feil: regnskapet henger sammen." in out
    folder = tmp_path / "digdir"
    shutil.copytree(sb.example_path().parent, folder)
    path = folder / "published.toml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[270] == "total = 25057000\n"  # Note A 540.26
    lines[270] = "total = 25057001\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert main(["verify", str(path), "--format", "html", "--lang", "en"]) == EXIT_FINDINGS
    page = Page(capsys.readouterr().out)
    assert page.lang == "en" and page.title == "Verification: Digitaliseringsdirektoratet 2021"
    assert "error" in page.cells["appropriation 540.26 total_allocation"].classes


def test_a_published_report_with_raw_elsewhere_on_the_page(capsys, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(sb.example_path("digdir-2021/published.toml"), folder / "published.toml")
    code = main(["verify", str(folder / "published.toml"), "--raw", str(sb.example_path()), "--format", "html"])
    assert code == EXIT_OK
    page = Page(capsys.readouterr().out)
    assert "rounding" in page.cells["note_b 540.25 transferable"].classes  # raw → printed: 91 964 391 vs …392


def test_a_report_of_only_some_statements(digdir):
    page = Page(report_page(sb.note_a(digdir)))
    assert page.title == "Digitaliseringsdirektoratet 2021 – Note A"
    assert len(page.tables) == 1


def test_the_english_verify_page_has_english_headings(digdir_printed):
    page = Page(verify_page(digdir_printed, language=Language.ENGLISH))
    assert page.tables[0].headers[0] == "Expense chapter"
    assert "Marks in the tables" in page.headings

    assert page.cells["note_a Sum total"].text == "1 092 268 000"


def test_the_english_verify_page_marks_a_received_chargeback_in_english(digdir_printed):
    """The suffix is ours, not printed: in English as on the English report page."""
    english = verify_page(digdir_printed, language="en")
    assert "Nedsatt funksjonsevne (chargeback authorisation)" in english
    assert "(belastningsfullmakt)" not in english
    assert "Nedsatt funksjonsevne (belastningsfullmakt)" in verify_page(digdir_printed)


def test_a_statement_printed_twice_keeps_the_ids_unique(digdir):
    page = report_page([sb.note_b(digdir), sb.note_a(digdir), sb.note_b(digdir)])
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert 'id="part-note_b"' in page and 'id="part-note_b-2"' in page


def test_a_page_is_one_agencys_year(digdir):
    """The title, the heading and every figure's address name one agency-year: statements of two are refused."""
    other = attrs.evolve(digdir, fiscal_year=2022)
    with pytest.raises(sb.UsageError) as raised:
        report_page([sb.note_b(digdir), sb.note_b(other)])
    assert str(raised.value) == (
        "report_page: the statements are of Digitaliseringsdirektoratet 2021 and Digitaliseringsdirektoratet 2022; "
        "a page is one agency's year: make one page for each")

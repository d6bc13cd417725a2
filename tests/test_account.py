"""Accounts (kapittel og post, underpost): reading, rejecting nonsense, side, post group, common chapters."""

from __future__ import annotations

import pytest
from hypothesis import given

from statsbudsjett.account import COMMON_CHAPTERS, Account, AccountError, PostGroup, Side
from strategies import accounts, underpost_accounts


@pytest.mark.parametrize(
    ("text", "chapter", "post"),
    [
        ("540.1", 540, 1),
        ("540.01", 540, 1),
        ("54001", 540, 1),
        ("354086", 3540, 86),
        ("3540.86", 3540, 86),
        ("1.01", 1, 1),
        ("00101", 1, 1),
        ("5999.99", 5999, 99),
        (" 1633.01 ", 1633, 1),
    ],
)
def test_parse_the_ways_accounts_are_written(text, chapter, post):
    assert Account.parse(text) == Account(chapter, post)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("540-01", r"'540-01' is not an account; write chapter and post as \"540.01\""),
        ("54.001", r"'54.001' is not an account"),
        ("540.001", r"is not an account"),
        ("540.100", r"is not an account"),
        ("540.00", r"'540.00': post 00 is outside 01–99"),
        ("54000", r"'54000': post 00 is outside 01–99"),
        ("0.01", r"'0.01': chapter 0 is outside 1–5999"),
        ("6000.01", r"'6000.01': chapter 6000 is outside 1–5999"),
        ("600001", r"'600001': chapter 6000 is outside 1–5999"),
        ("1234567", r"is not an account"),
        ("kap 540 post 1", r"is not an account"),
        ("", r"is not an account"),
    ],
)
def test_parse_rejects_nonsense_with_a_clear_message(text, message):
    with pytest.raises(AccountError, match=message):
        Account.parse(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3540", '\'3540\' is ambiguous: a chapter alone is not an account; write chapter.post, e.g. "3540.01" '
                 '(or "35.40" for chapter 35 post 40)'),
        ("540", '\'540\' is ambiguous: a chapter alone is not an account; write chapter.post, e.g. "540.01" '
                '(or "5.40" for chapter 5 post 40)'),
        ("101", '\'101\' is ambiguous: a chapter alone is not an account; write chapter.post, e.g. "101.01" '
                '(or "1.01" for chapter 1 post 01)'),
        ("5400", '\'5400\' is ambiguous: a chapter alone is not an account; write chapter.post, e.g. "5400.01"'),
        ("7001", '\'7001\' is ambiguous: a chapter alone is not an account; write chapter.post, '
                 'e.g. "70.01" for chapter 70 post 01'),
        ("9900", '\'9900\' is ambiguous: a chapter alone is not an account; write chapter.post, '
                 'e.g. "540.01" (chapter 1–5999, post 01–99)'),
    ],
)
def test_a_run_of_three_or_four_digits_is_ambiguous(text, message):
    # "3540" may be chapter 3540 typed alone, or chapter 35 post 40: neither is guessed.
    with pytest.raises(AccountError) as caught:
        Account.parse(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(("text", "account"), [("54001", Account(540, 1)), ("354086", Account(3540, 86))])
def test_a_run_of_five_or_six_digits_is_chapter_and_two_digit_post(text, account):
    assert Account.parse(text) == account


@pytest.mark.parametrize("text", ["540.01.01", "540.1.1", "540.01.1", "540.1.01", " 540.01.01 "])
def test_underposts_are_read_in_each_spelling(text):
    account = Account.parse(text)
    assert account == Account(540, 1, 1)
    assert (str(account), repr(account)) == ("540.01.01", "Account('540.01.01')")
    assert account.is_underpost and account.underpost == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("540.01.00", "'540.01.00': underpost 00 is outside 01–99"),
        ("540.01.100", "'540.01.100': underpost 100 is outside 01–99 (at most two digits)"),
        ("540.01.x", "'540.01.x': the underpost 'x' is not a number; write chapter.post.underpost with an "
                     'underpost 01–99, e.g. "540.01.01"'),
        ("540.01.", "'540.01.': the underpost is missing after the second dot"),
        ("540.01.01.01", "'540.01.01.01': the underpost '01.01' is not a number"),
        ("540.00.01", "'540.00.01': post 00 is outside 01–99"),
        ("6000.01.01", "'6000.01.01': chapter 6000 is outside 1–5999"),
        ("5400101", "'5400101' is not an account"),  # a digit run never carries an underpost
        ("54001.01", "'54001.01' is not an account"),  # the compact display form is not read back
    ],
)
def test_bad_underposts_name_the_part_that_is_wrong(text, message):
    with pytest.raises(AccountError) as caught:
        Account.parse(text)
    assert str(caught.value).startswith(message)


def test_underpost_constructor_and_properties():
    post, underpost = Account(540, 1), Account(540, 1, 1)
    assert post.underpost is None and not post.is_underpost
    assert post.post_account is post
    assert underpost.post_account == post and not underpost.post_account.is_underpost
    assert underpost != post and len({underpost, post}) == 2
    assert Account(540, 1, None) == post
    assert (underpost.side, underpost.group, underpost.is_common) == (Side.EXPENSE, PostGroup.OPERATING, False)
    assert underpost.compact == "54001.01" and post.compact == "54001"
    for bad in (0, 100, True, "1"):
        with pytest.raises(AccountError, match=r"underpost .* is outside 01–99"):
            Account(540, 1, bad)  # type: ignore[arg-type]


def test_a_post_sorts_before_its_underposts():
    shuffled = [Account(540, 2), Account(540, 1, 10), Account(540, 1), Account(540, 1, 2), Account(1, 99, 99)]
    assert sorted(shuffled) == [
        Account(1, 99, 99), Account(540, 1), Account(540, 1, 2), Account(540, 1, 10), Account(540, 2)]
    # comparing a post (no underpost) with an underpost never raises
    assert Account(540, 1) < Account(540, 1, 1) and Account(540, 1, 1) > Account(540, 1)
    assert Account(540, 1, 99) < Account(540, 2) and Account(540, 1) <= Account(540, 1)


def test_constructor_checks_ranges_and_types():
    with pytest.raises(AccountError, match="post 0 is outside 01–99"):
        Account(540, 0)
    with pytest.raises(AccountError, match="post 100 is outside 01–99"):
        Account(540, 100)
    with pytest.raises(AccountError, match="chapter 0 is outside 1–5999"):
        Account(0, 1)
    with pytest.raises(AccountError, match="chapter 6000 is outside 1–5999"):
        Account(6000, 1)
    with pytest.raises(AccountError):
        Account(540, True)  # type: ignore[arg-type]
    with pytest.raises(AccountError, match="not int"):
        Account.parse(54001)  # type: ignore[arg-type]


def test_parse_passes_an_account_through():
    account = Account(540, 25)
    assert Account.parse(account) is account


@pytest.mark.parametrize(
    ("chapter", "side"),
    [(1, Side.EXPENSE), (540, Side.EXPENSE), (2999, Side.EXPENSE), (3000, Side.INCOME), (3540, Side.INCOME),
     (5999, Side.INCOME)],
)
def test_side(chapter, side):
    assert Account(chapter, 1).side is side


@pytest.mark.parametrize(
    ("post", "group"),
    [(1, PostGroup.OPERATING), (29, PostGroup.OPERATING), (30, PostGroup.INVESTMENT), (49, PostGroup.INVESTMENT),
     (50, PostGroup.TRANSFERS), (89, PostGroup.TRANSFERS), (90, PostGroup.LENDING), (99, PostGroup.LENDING)],
)
def test_post_group(post, group):
    assert Account(540, post).group is group


def test_post_group_outside_range():
    with pytest.raises(AccountError, match="post 0 is outside"):
        PostGroup.of(0)


def test_common_chapters():
    assert COMMON_CHAPTERS == {1633, 5309, 5700}
    assert [Account.parse(a).is_common for a in ("1633.01", "5309.29", "5700.72", "540.01", "3540.03")] == [
        True, True, True, False, False]


def test_text_forms_and_order():
    account = Account.parse("540.1")
    assert (str(account), account.compact, repr(account)) == ("540.01", "54001", "Account('540.01')")
    assert Account.parse("3540.86").compact == "354086"
    assert sorted(map(Account.parse, ["3540.03", "540.25", "540.01", "1633.01"])) == [
        Account(540, 1), Account(540, 25), Account(1633, 1), Account(3540, 3)]


@given(accounts)
def test_every_account_reads_back_from_str_and_compact(account):
    assert Account.parse(str(account)) == account
    if account.chapter >= 100:  # a run of 5–6 digits
        assert Account.parse(account.compact) == account
    else:  # chapters 1–99 give a run of 3–4 digits, which is ambiguous
        with pytest.raises(AccountError, match="is ambiguous"):
            Account.parse(account.compact)


@given(accounts | underpost_accounts)
def test_accounts_with_and_without_underposts_read_back_from_str(account):
    assert Account.parse(str(account)) == account
    assert Account.parse(str(account)).post_account == account.post_account

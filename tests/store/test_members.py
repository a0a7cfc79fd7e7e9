"""Members: adding, editing, deactivating, and finding them again."""

from __future__ import annotations

import pytest

from store import clock, members, organisations
from store.errors import InputError, NotFound


def _changes(store) -> int:
    return store.one("SELECT COUNT(*) FROM changes")[0]


def _names(rows) -> list[str]:
    return [r["name"] for r in rows]


# --- adding -----------------------------------------------------------------------


def test_added_member_can_be_read_back_with_every_field(store) -> None:
    member = members.add_member(store, {
        "name": "  Priya   Shah ", "organisation": "Riverside Carers Forum", "member_type": "Carer",
        "email": "Priya.Shah@Example.ORG", "phone": "07700 900123", "preferred_channel": "Text message",
        "access_needs": [{"kind": "BSL interpreter", "note": "Prefers Rachel"}],
        "payment_preference": "Expenses only", "paid_by_employer": False, "consent_date": "14/03/2026",
    })
    got = members.get_member(store, member)
    assert got["name"] == "Priya Shah"
    assert got["organisation"] == "Riverside Carers Forum"
    assert got["member_type"] == "carer"
    assert got["email"] == "priya.shah@example.org"
    assert got["phone"] == "07700 900123"
    assert got["preferred_channel"] == "text"
    assert got["access_needs"] == [{"kind": "bsl", "note": "Prefers Rachel"}]
    assert got["payment_preference"] == "expenses_only"
    assert got["paid_by_employer"] == 0
    assert got["consent_date"] == "2026-03-14"
    assert got["active"] == 1
    assert got["created_at"]


def test_new_member_defaults_to_uses_services_with_fee_and_expenses(store) -> None:
    got = members.get_member(store, members.add_member(store, {"name": "Grace Hughes"}))
    assert got["member_type"] == "uses_services"
    assert got["payment_preference"] == "fee_and_expenses"
    assert got["organisation_id"] is None
    assert got["access_needs"] == []


def test_organisation_named_in_any_case_is_shared_not_duplicated(store) -> None:
    a = members.add_member(store, {"name": "Priya Shah", "organisation": "Riverside Carers Forum"})
    b = members.add_member(store, {"name": "Dafydd Evans", "organisation": "riverside  CARERS forum"})
    assert members.get_member(store, a)["organisation_id"] == members.get_member(store, b)["organisation_id"]
    assert [o["name"] for o in organisations.list_organisations(store)] == ["Riverside Carers Forum"]
    assert organisations.list_organisations(store)[0]["members"] == 2


def test_organisation_can_be_given_by_id(store) -> None:
    org = organisations.add_organisation(store, "Deaf Access Network", "user-led")
    member = members.add_member(store, {"name": "Huw Lewis", "organisation_id": org[:8]})
    assert members.get_member(store, member)["organisation"] == "Deaf Access Network"
    assert organisations.get_organisation(store, org)["kind"] == "user_led"


@pytest.mark.parametrize("name", ["", "   ", None])
def test_member_without_a_name_is_refused_on_the_name_field(store, name) -> None:
    with pytest.raises(InputError) as caught:
        members.add_member(store, {"name": name, "email": "p@example.org"})
    assert caught.value.field == "name"
    assert "name" in caught.value.message
    assert store.one("SELECT COUNT(*) FROM members")[0] == 0
    assert _changes(store) == 0


@pytest.mark.parametrize("email", ["priya", "priya@", "@example.org", "priya@example", "pri ya@example.org"])
def test_bad_email_is_refused_on_the_email_field(store, email) -> None:
    with pytest.raises(InputError) as caught:
        members.add_member(store, {"name": "Priya Shah", "email": email})
    assert caught.value.field == "email"
    assert email.strip() in caught.value.message
    assert _changes(store) == 0


def test_bad_phone_is_refused_on_the_phone_field(store) -> None:
    with pytest.raises(InputError) as caught:
        members.add_member(store, {"name": "Priya Shah", "phone": "ring me"})
    assert caught.value.field == "phone"


def test_reduced_fee_without_a_cap_is_refused(store) -> None:
    with pytest.raises(InputError) as caught:
        members.add_member(store, {"name": "Priya Shah", "payment_preference": "reduced_fee"})
    assert "cap" in caught.value.message
    assert _changes(store) == 0


def test_reduced_fee_with_a_cap_in_pence_is_kept(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah", "payment_preference": "Reduced fee (capped)",
                                        "fee_cap_pence": 2000})
    got = members.get_member(store, member)
    assert (got["payment_preference"], got["fee_cap_pence"]) == ("reduced_fee", 2000)


@pytest.mark.parametrize("cap", [-1, 12.5, "20.00", True])
def test_fee_cap_that_is_not_whole_pence_is_refused(store, cap) -> None:
    with pytest.raises(InputError) as caught:
        members.add_member(store, {"name": "Priya Shah", "payment_preference": "reduced_fee", "fee_cap_pence": cap})
    assert caught.value.field == "fee_cap_pence"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("BSL interpreter", "bsl"),
        ("bsl", "bsl"),
        ("dietary needs", "dietary"),
        ("DIETARY NEEDS", "dietary"),
        ("Step-free access", "step_free"),
        ("step free", "step_free"),
        ("Easy Read papers", "easy_read"),
        ("speech to text", "speech_to_text"),
        ("PA attends", "pa"),
        ("quiet_room", "quiet_room"),
    ],
)
def test_access_need_labels_are_stored_as_codes(store, typed, code) -> None:
    member = members.add_member(store, {"name": "Priya Shah", "access_needs": [{"kind": typed, "note": " vegan "}]})
    assert members.get_member(store, member)["access_needs"] == [{"kind": code, "note": "vegan"}]


def test_unknown_access_need_is_refused_with_the_choices(store) -> None:
    with pytest.raises(InputError) as caught:
        members.add_member(store, {"name": "Priya Shah", "access_needs": [{"kind": "telepathy"}]})
    assert caught.value.field == "access_needs"
    assert "BSL interpreter" in caught.value.message
    assert _changes(store) == 0


@pytest.mark.parametrize(("typed", "code"), [("Organisation rep", "org_rep"), ("org rep", "org_rep"),
                                             ("carer", "carer"), ("Staff", "staff")])
def test_member_type_labels_are_stored_as_codes(store, typed, code) -> None:
    member = members.add_member(store, {"name": "Priya Shah", "member_type": typed})
    assert members.get_member(store, member)["member_type"] == code


def test_unknown_field_is_refused(store) -> None:
    with pytest.raises(InputError) as caught:
        members.add_member(store, {"name": "Priya Shah", "shoe_size": 9})
    assert caught.value.field == "shoe_size"


# --- editing ----------------------------------------------------------------------


def test_edit_changes_only_the_fields_given(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah", "email": "p@example.org", "organisation": "Autism Voices",
                                        "access_needs": [{"kind": "bsl"}]})
    members.update_member(store, member, {"email": "priya@example.org"})
    got = members.get_member(store, member)
    assert got["email"] == "priya@example.org"
    assert got["name"] == "Priya Shah"
    assert got["organisation"] == "Autism Voices"
    assert got["access_needs"] == [{"kind": "bsl", "note": ""}]


def test_edit_moves_a_member_to_another_or_no_organisation(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah", "organisation": "Autism Voices"})
    members.update_member(store, member, {"organisation": "Recovery College"})
    assert members.get_member(store, member)["organisation"] == "Recovery College"
    members.update_member(store, member, {"organisation": ""})
    assert members.get_member(store, member)["organisation_id"] is None


def test_edit_that_changes_nothing_writes_no_change_rows(store) -> None:
    member = members.add_member(store, {
        "name": "Priya Shah", "organisation": "Autism Voices", "email": "p@example.org",
        "access_needs": [{"kind": "bsl", "note": ""}], "consent_date": "2026-03-14",
    })
    before = _changes(store)
    members.update_member(store, member, {})
    members.update_member(store, member, {"name": " Priya  Shah ", "email": "P@Example.org",
                                          "organisation": "AUTISM VOICES", "consent_date": "14/03/2026",
                                          "access_needs": [{"kind": "BSL interpreter"}]})
    assert _changes(store) == before
    assert store.one("SELECT COUNT(*) FROM organisations")[0] == 1


def test_edit_with_bad_input_changes_nothing(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah", "email": "p@example.org"})
    before = _changes(store)
    with pytest.raises(InputError) as caught:
        members.update_member(store, member, {"name": "Priya Shah-Jones", "email": "nope"})
    assert caught.value.field == "email"
    assert members.get_member(store, member)["name"] == "Priya Shah"
    assert _changes(store) == before


def test_edit_of_an_unknown_member_is_not_found(store) -> None:
    with pytest.raises(NotFound) as caught:
        members.update_member(store, "0000dead", {"name": "Nobody"})
    assert "0000dead" in caught.value.message


# --- deactivating -----------------------------------------------------------------


def test_deactivated_member_leaves_the_list_but_stays_on_record(store) -> None:
    keep = members.add_member(store, {"name": "Grace Hughes"})
    gone = members.add_member(store, {"name": "Priya Shah"})
    members.set_active(store, gone, False)
    assert _names(members.search_members(store)) == ["Grace Hughes"]
    assert members.count_members(store) == 1
    assert members.count_active(store.conn) == 1
    assert _names(members.search_members(store, include_inactive=True)) == ["Grace Hughes", "Priya Shah"]
    assert members.get_member(store, gone)["active"] == 0
    assert members.get_member(store, keep)["active"] == 1


def test_reactivated_member_is_back_on_the_list(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah"})
    members.set_active(store, member, False)
    members.set_active(store, member, True)
    assert _names(members.search_members(store)) == ["Priya Shah"]
    assert members.get_member(store, member)["active"] == 1


def test_deactivating_an_unknown_member_is_not_found(store) -> None:
    with pytest.raises(NotFound):
        members.set_active(store, "0000dead", False)


def test_guests_are_left_out_of_the_members_list_by_default(store) -> None:
    members.add_member(store, {"name": "Grace Hughes"})
    members.add_member(store, {"name": "Visiting Guest", "member_type": "guest"})
    assert _names(members.search_members(store)) == ["Grace Hughes"]
    assert members.count_active(store.conn) == 1
    assert _names(members.search_members(store, include_inactive=True)) == ["Grace Hughes", "Visiting Guest"]


# --- finding ----------------------------------------------------------------------


@pytest.fixture
def people(store):
    rows = [
        ("Priya Shah", "Riverside Carers Forum", "priya@example.org"),
        ("Dafydd Evans", "Valleys People First", "dafydd@valleys.example"),
        ("Grace O'Connor", "", "grace@carers.example"),
        ("100% Ali", "", None),
        ("1000 Ali", "", None),
        ("Rhys_Price", "", None),
        ("RhysXPrice", "", None),
        ("Siân Jones", "Hearing Loss Café", None),
        ("zoe brown", "", None),
    ]
    for name, organisation, email in rows:
        members.add_member(store, {"name": name, "organisation": organisation, "email": email})
    return store


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("priya", ["Priya Shah"]),
        ("SHAH", ["Priya Shah"]),
        ("riverside", ["Priya Shah"]),  # organisation
        ("VALLEYS people", ["Dafydd Evans"]),
        ("carers", ["Grace O'Connor", "Priya Shah"]),  # email of one, organisation of the other
        ("@valleys.example", ["Dafydd Evans"]),
        ("o'connor", ["Grace O'Connor"]),
        ("  priya   ", ["Priya Shah"]),
        ("nobody at all", []),
    ],
)
def test_search_finds_by_name_organisation_or_email_ignoring_case(people, search, expected) -> None:
    assert _names(members.search_members(people, search)) == expected
    assert members.count_members(people, search) == len(expected)


def test_percent_in_the_search_is_a_literal_percent(people) -> None:
    assert _names(members.search_members(people, "100%")) == ["100% Ali"]
    assert _names(members.search_members(people, "%")) == ["100% Ali"]


def test_underscore_in_the_search_is_a_literal_underscore(people) -> None:
    assert _names(members.search_members(people, "rhys_")) == ["Rhys_Price"]
    assert members.count_members(people, "_") == 1


def test_search_ignores_case_of_accented_letters(people) -> None:
    # Welsh and other names: "SIÂN" must find "Siân", "CAFÉ" the Hearing Loss Café.
    assert _names(members.search_members(people, "SIÂN")) == ["Siân Jones"]
    assert _names(members.search_members(people, "hearing loss CAFÉ")) == ["Siân Jones"]


def test_empty_search_lists_everyone_by_name_ignoring_case(people) -> None:
    names = _names(members.search_members(people))
    assert names == sorted(names, key=str.casefold)
    assert len(names) == 9


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 7, 50])
def test_pages_join_up_to_the_whole_list_and_match_the_count(store, limit) -> None:
    for n in range(23):
        members.add_member(store, {"name": f"Member {n:02d}", "organisation": "Autism Voices" if n % 3 else ""})
    for search in ("", "autism", "member 1"):
        whole = members.search_members(store, search, limit=1000)
        pages, offset = [], 0
        while True:
            page = members.search_members(store, search, offset=offset, limit=limit)
            if not page:
                break
            assert len(page) <= limit
            pages += page
            offset += limit
        assert [m["id"] for m in pages] == [m["id"] for m in whole]
        assert members.count_members(store, search) == len(whole)
    assert members.count_members(store) == 23
    assert members.count_members(store, "autism") == 15


def test_members_with_the_same_name_page_in_a_stable_order(store) -> None:
    ids = sorted(members.add_member(store, {"name": "Sam Jones"}) for _ in range(5))
    seen = [members.search_members(store, offset=i, limit=1)[0]["id"] for i in range(5)]
    assert seen == ids


def test_member_can_be_found_by_the_first_characters_of_its_id(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah"})
    assert members.get_member(store, member[:8].upper())["id"] == member


def test_too_short_an_id_prefix_is_not_a_match(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah"})
    with pytest.raises(NotFound):
        members.get_member(store, member[:3])


def test_id_prefix_shared_by_two_members_asks_for_more(store) -> None:
    a = members.add_member(store, {"name": "Priya Shah"})
    b = members.add_member(store, {"name": "Grace Hughes"})
    assert a[:4] == b[:4]  # UUIDv7 made close together share their time prefix
    with pytest.raises(InputError) as caught:
        members.get_member(store, a[:4])
    assert "more of the id" in caught.value.message


def test_members_added_in_the_same_millisecond_are_told_apart_by_all_but_the_last_characters_of_their_ids(
        store) -> None:
    with clock.by_hand(clock.now_ms()):
        a = members.add_member(store, {"name": "Priya Shah"})
        b = members.add_member(store, {"name": "Grace Hughes"})
    assert a[:13] == b[:13]  # the same millisecond
    assert members.get_member(store, a[:-6])["id"] == a
    assert members.get_member(store, b[:-6])["id"] == b


def test_unknown_member_id_is_not_found_with_a_clear_message(store) -> None:
    with pytest.raises(NotFound) as caught:
        members.get_member(store, "0000dead")
    assert caught.value.message == "There is no member with id 0000dead."


def test_find_existing_matches_email_then_name_and_organisation(store) -> None:
    priya = members.add_member(store, {"name": "Priya Shah", "email": "priya@example.org", "organisation": "Autism Voices"})
    org = members.get_member(store, priya)["organisation_id"]
    assert members.find_existing(store.conn, "PRIYA@example.org", "Someone Else", None) == priya
    assert members.find_existing(store.conn, None, "priya shah", org) == priya
    assert members.find_existing(store.conn, None, "Priya Shah", None) is None

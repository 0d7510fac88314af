"""scripts/petrarch_verbs.py: PETRARCH2's verb dictionary format -> whimbrel's derived trigger data."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"


def _script():
    spec = importlib.util.spec_from_file_location("petrarch_verbs", ROOT / "scripts" / "petrarch_verbs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# A dictionary in PETRARCH2's format written for this test (not taken from the real file).
DICTIONARY = """\
# comment
####### SYNONYM SETS #######

&MISSILE
+ROCKET
+MORTAR_SHELL

####### VERB PATTERNS #######

---  LAUNCH   [---]  ---
LAUNCH
FIRE [190]
+SET_OFF {+SETS_OFF +SETTING_OFF}
- * &MISSILE (AT)                                     [195]         # LAUNCH
- * {PEACE INITIATIVE}                                [036]         # LAUNCH
- &POLICE * FIRE                                      [---]         # FIRE
- * (AGAINST {ARMED REBELS})                          [190:190]     # LAUNCH
- * STATEMENT                                         [010]         # LAUNCH
- * (INTO PRISON)                                     [:173]        # FIRE

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""

PLOVER = """\
# table
19: ASSAULT
190: ASSAULT, , military # Use conventional military force
195: ASSAULT, heavy-weapons, military # Employ aerial weapons
03: AGREE
036: AGREE,  , diplomatic # Express intent to meet or negotiate
"""


def test_conversion_of_a_small_dictionary(tmp_path):
    mod = _script()
    (tmp_path / "verbs.txt").write_text(DICTIONARY, encoding="latin-1")
    (tmp_path / "plover.txt").write_text(PLOVER, encoding="utf-8")
    entries, stats = mod.convert(tmp_path / "verbs.txt", tmp_path / "plover.txt")
    by_code = {}
    for e in entries:
        by_code.setdefault(e["cameo"], []).append(e)
    # a verb with its own code; the block's other verbs have the null code and no entry
    assert by_code["190"][0] == {"verb": ["fire"], "cameo": "190", "event": "ASSAULT", "context": ["military"],
                                 "block": "LAUNCH"}
    # a synonym set expands to its heads (singular and as written), a bare "(AT)" is a preposition
    missile = by_code["195"]
    assert {tuple(e["verb"]) for e in missile} == {("fire", "launch"), ("set",)}
    plain = next(e for e in missile if e["verb"] == ["fire", "launch"])
    assert plain["obj"] == ["rocket", "shell"] and plain["prep"] == ["at"] and plain["mode"] == "heavy-weapons"
    # the multi-word verb keeps its particle
    assert next(e for e in missile if e["verb"] == ["set"])["prt"] == ["off"]
    # a braced phrase: head is the object, the rest its modifiers
    meet = [e for e in by_code["036"] if e["verb"] == ["fire", "launch"]][0]
    assert meet["obj"] == ["initiative"] and meet["obj_mod"] == ["peace"] and meet["event"] == "AGREE"
    # "[190:190]" keeps its first code; the prepositional object's head is its noun
    against = [e for e in by_code["190"] if e.get("prep") == ["against"]]
    assert against and against[0]["pobj"] == ["rebel", "rebels"]
    # statements (01) have no PLOVER type; null and passive-only codes are left out
    assert "010" not in by_code and "173" not in by_code
    assert stats["pattern whose code has no PLOVER type"] >= 1 and stats["pattern without a code"] >= 2
    # the null-coded bare verb is marked for what it is: no entry at all
    assert not [e for e in entries if e["verb"] == ["launch"] and not set(e) - {"verb", "cameo", "event", "block"}]


def test_block_coded_bare_verbs_are_marked(tmp_path):
    mod = _script()
    text = DICTIONARY.replace("---  LAUNCH   [---]  ---", "---  LAUNCH   [190]  ---")
    (tmp_path / "verbs.txt").write_text(text, encoding="latin-1")
    (tmp_path / "plover.txt").write_text(PLOVER, encoding="utf-8")
    entries, _ = mod.convert(tmp_path / "verbs.txt", tmp_path / "plover.txt")
    launch = [e for e in entries if e["verb"] == ["launch"] and "obj" not in e and "prep" not in e]
    assert launch and launch[0].get("by_block") is True
    assert not next(e for e in entries if e["verb"] == ["fire"] and "obj" not in e).get("by_block")


@pytest.mark.skipif(not (REFERENCE / "petrarch2" / "CAMEO.2.0.txt").exists(),
                    reason="../shared/reference not beside the checkout")
def test_shipped_file_is_the_scripts_output(tmp_path):
    mod = _script()
    out = tmp_path / "verbs.json"
    assert mod.main(["--verbs", str(REFERENCE / "petrarch2" / "CAMEO.2.0.txt"),
                     "--plover", str(REFERENCE / "CAMEO2PLOVER-2021.txt"), "--out", str(out)]) == 0
    shipped = ROOT / "src" / "whimbrel" / "data" / "events" / "petrarch" / "verbs.json"
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(shipped.read_text(encoding="utf-8"))
    assert (shipped.parent / "LICENSE").read_text(encoding="utf-8").startswith("The MIT License")

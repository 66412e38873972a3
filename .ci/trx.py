#!/usr/bin/env python3
"""Reads the TRX files of one .ci/run.

  trx.py filter FILE   the failed tests of FILE as a `dotnet test --filter` (theory arguments cut off)
  trx.py summary DIR   per suite NAME.trx (and its NAME.rerun.trx): flakes, failures, closing line

A test that failed in NAME.trx and passed in NAME.rerun.trx is a flake: listed with its first
failure message and counted once as passed. One that failed both times (or had no rerun) is a
failure. Nothing is rewritten; the counts come from the files as the test runner wrote them.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def results(path):
    """{testName: (outcome, first line of the error message)}"""
    root = ET.parse(path).getroot()
    out = {}
    for r in root.iterfind(".//t:UnitTestResult", NS):
        message = r.find("./t:Output/t:ErrorInfo/t:Message", NS)
        text = (message.text or "").strip().splitlines()[0] if message is not None and message.text else ""
        out[r.get("testName")] = (r.get("outcome"), text)
    return out


def filter_of(path):
    names = sorted({re.sub(r"\(.*$", "", n) for n, (o, _) in results(path).items() if o == "Failed"})
    return "|".join("FullyQualifiedName~" + n for n in names)


def summary(directory):
    passed = failed = skipped = 0
    flakes, failures = [], []
    suites = sorted(f[:-4] for f in os.listdir(directory) if f.endswith(".trx") and not f.endswith(".rerun.trx"))
    for suite in suites:
        first = results(os.path.join(directory, suite + ".trx"))
        rerun_path = os.path.join(directory, suite + ".rerun.trx")
        rerun = results(rerun_path) if os.path.exists(rerun_path) else {}
        for name, (outcome, message) in first.items():
            if outcome == "Passed":
                passed += 1
            elif outcome == "Failed":
                if rerun.get(name, ("", ""))[0] == "Passed":
                    passed += 1
                    flakes.append(f"{suite}: {name} — first failure: {message}")
                else:
                    failed += 1
                    failures.append(f"{suite}: {name} — {message}")
            else:
                skipped += 1
    for f in failures:
        print("FAILED:", f)
    for f in flakes:
        print("FLAKY (failed, then passed its rerun; record it in tests/FLAKES.md):", f)
    print(f"FLAKY: {len(flakes)}")
    print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
    if passed == 0:
        print("no test ran")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "filter":
        print(filter_of(sys.argv[2]))
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "summary":
        sys.exit(summary(sys.argv[2]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)

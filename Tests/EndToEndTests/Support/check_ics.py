#!/usr/bin/env python3
"""Validates an iCalendar file with the `icalendar` library (PyPI) and prints its events as JSON.

Usage: python3 check_ics.py FILE
Exit 0 and one JSON object per line on stdout ({"uid", "sequence", "status", "start", "end", "summary"})
when every event is well formed; exit 1 with the problems on stderr otherwise; exit 2 when the
`icalendar` library is missing (the Swift test then fails: install it with `pip install icalendar`).
"""
import json
import sys

try:
    import icalendar
except ImportError:
    sys.stderr.write("check_ics.py: the Python library 'icalendar' is not installed: run `pip install icalendar`\n")
    sys.exit(2)


def main(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    problems = []
    if b"\r\n" not in raw or raw.replace(b"\r\n", b"").find(b"\n") >= 0:
        problems.append("lines must end with CRLF")
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            problems.append(f"line {n} is {len(line)} octets long (more than 75)")
    calendar = icalendar.Calendar.from_ical(raw)
    if str(calendar.get("VERSION")) != "2.0":
        problems.append("VERSION is not 2.0")
    if not calendar.get("PRODID"):
        problems.append("PRODID is missing")
    zones = [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")]
    if "Europe/Paris" not in zones:
        problems.append("no VTIMEZONE for Europe/Paris")
    uids = set()
    events = []
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        if not uid:
            problems.append("an event has no UID")
        if uid in uids:
            problems.append(f"UID {uid} appears twice")
        uids.add(uid)
        for required in ("DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS"):
            if event.get(required) is None:
                problems.append(f"{uid}: {required} is missing")
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        if getattr(start, "tzinfo", None) is None or "Paris" not in str(start.tzinfo):
            problems.append(f"{uid}: DTSTART is not in Europe/Paris time ({start!r})")
        if end <= start:
            problems.append(f"{uid}: DTEND is not after DTSTART")
        status = str(event.get("STATUS"))
        if status not in ("CONFIRMED", "CANCELLED", "TENTATIVE"):
            problems.append(f"{uid}: STATUS {status} is not allowed")
        sequence = int(event.get("SEQUENCE"))
        if sequence < 0:
            problems.append(f"{uid}: negative SEQUENCE")
        events.append({
            "uid": uid, "sequence": sequence, "status": status, "start": start.isoformat(), "end": end.isoformat(),
            "summary": str(event.get("SUMMARY")),
        })
    if problems:
        sys.stderr.write("\n".join(problems) + "\n")
        return 1
    for event in events:
        print(json.dumps(event, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write("usage: check_ics.py FILE\n")
        sys.exit(64)
    sys.exit(main(sys.argv[1]))

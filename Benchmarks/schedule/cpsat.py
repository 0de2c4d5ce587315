#!/usr/bin/env python3
"""The yardstick: an exact OR-Tools CP-SAT model of the weekly planning problem.

Same hard rules and same score as SCHEDULING.md (and as `relais-schedule check`), built from
an instance file (relais-schedule-instance/1). Writes the best plan found as a
relais-schedule-plan/1 file so that `relais-schedule check` can verify it independently, and
prints the score term by term, the proven lower bound and the timings.

    pip install ortools
    python3 Benchmarks/schedule/cpsat.py week.json --time-limit 60 --workers 2 --out cpsat-plan.json
    python3 Benchmarks/schedule/cpsat.py week.json --json      # one JSON line for scripts

The model (every hard rule is a constraint, every soft term a linear expression):
  q[s,c,h]  session s run by conseiller c in half-day h (only where c has the skill and is
            available for the whole session at some allowed start of h): rules 1, 2, 7
  y[s,r]    session s in room r (only rooms that fit at an allowed site): rules 4, 5
  T[s]      start slot (day * grains_per_day + start), domain = allowed starts: rules 6, 7
            q ⇒ T ∈ starts where c is available; y ⇒ T ∈ starts where r is open: rules 2, 3
  optional intervals [T, T + duration) per (s, c) and per (s, r), NoOverlap per conseiller
  and per room: rules 8, 9
  site[s] = site of the room; U[c,h] = the conseiller's site in half-day h;
  q[s,c,h] ⇒ site[s] = U[c,h]: rule 10
  Σ duration · q over a day ≤ max_grains_per_day, over the week ≤ max_grains_per_week: 11, 12
"""

import argparse
import json
import sys
import time

from ortools.sat.python import cp_model

TERMS = ["unassigned", "coverage", "balance", "continuity", "undesired", "preferred_site", "site_change", "disruption"]


def load(path):
    with open(path) as f:
        inst = json.load(f)
    if inst.get("format") != "relais-schedule-instance/1":
        sys.exit(f"{path}: not a relais-schedule-instance/1 file")
    inst.setdefault("grains_per_day", 24)
    inst.setdefault("midday_grain", 10)
    inst.setdefault("days", 6)
    for r in inst.get("rooms", []):
        r.setdefault("equipment", [])
        r.setdefault("open", [])
    for c in inst.get("conseillers", []):
        c.setdefault("skills", [])
        c.setdefault("available", [])
        c.setdefault("undesired", [])
    for s in inst.get("sessions", []):
        s.setdefault("kind", "workshop")
        s.setdefault("skill", None)
        s.setdefault("attendees", 1)
        s.setdefault("equipment", [])
        s.setdefault("sites", [])
        s.setdefault("preferred_sites", [])
        s.setdefault("fixed", None)
        s.setdefault("priority", 1)
        s.setdefault("anchor", None)
    return inst


def starts_inside(intervals, d, G, days):
    """Slots t = day * G + start where [start, start + d) lies inside one of the intervals."""
    out = set()
    for iv in intervals:
        if 0 <= iv["day"] < days:
            for t in range(max(iv["start"], 0), min(iv["end"], G) - d + 1):
                out.add(iv["day"] * G + t)
    return out


def evaluate(inst, assignments):
    """The soft terms of a plan that keeps every hard rule, straight from SCHEDULING.md.

    The model's indicator variables are only bounded from one side (minimisation pushes them
    down), so before optimality the objective can exceed the plan's true score; the plan is
    therefore scored again here, and `relais-schedule check` verifies the same numbers.
    """
    G, mid = inst["grains_per_day"], inst["midday_grain"]
    sessions = {s["id"]: s for s in inst["sessions"]}
    cons = {c["id"]: c for c in inst["conseillers"]}
    room_site = {r["id"]: r["site"] for r in inst["rooms"]}
    site_neigh = {s["id"]: s["neighbourhood"] for s in inst["sites"]}
    terms = {k: 0 for k in TERMS}
    placed = {a["session"]: a for a in assignments}
    for s in inst["sessions"]:
        if s["id"] not in placed:
            terms["unassigned"] += 1000 * s["duration"] * s["priority"]
    grains, load, halves = {}, {c: 0 for c in cons}, {}
    for a in assignments:
        s, c = sessions[a["session"]], cons[a["conseiller"]]
        site = room_site[a["room"]]
        grains[site_neigh[site]] = grains.get(site_neigh[site], 0) + s["duration"]
        load[a["conseiller"]] += s["duration"]
        half = "am" if a["start"] < mid else "pm"
        halves.setdefault((a["conseiller"], a["day"], half), set()).add(site)
        if s["anchor"] is not None:
            an = s["anchor"]
            terms["continuity"] += (30 if an["conseiller"] != a["conseiller"] else 0) \
                + (10 if an["day"] != a["day"] else 0) + (5 if an["start"] != a["start"] else 0)
        if any(u["day"] == a["day"] and u["half"] == half for u in c["undesired"]):
            terms["undesired"] += 3 * s["duration"]
        if s["preferred_sites"] and site not in s["preferred_sites"]:
            terms["preferred_site"] += 4
    for n in inst["neighbourhoods"]:
        terms["coverage"] += 5 * max(0, n["target_grains"] - grains.get(n["id"], 0))
    for cid, c in cons.items():
        terms["balance"] += 2 * abs(load[cid] - c["target_grains"])
    for (cid, day, half), sites in halves.items():
        other = halves.get((cid, day, "pm"))
        if half == "am" and other is not None and not (len(sites) == 1 and sites == other):
            terms["site_change"] += 8
    for b in inst.get("baseline") or []:
        a = placed.get(b["session"])
        if a is not None:
            terms["disruption"] += (20 if a["conseiller"] != b["conseiller"] else 0) \
                + (15 if (a["day"], a["start"]) != (b["day"], b["start"]) else 0) + (5 if a["room"] != b["room"] else 0)
    return terms


def build_and_solve(inst, time_limit, workers, seed, log):
    t0 = time.monotonic()
    G, mid, days = inst["grains_per_day"], inst["midday_grain"], inst["days"]
    sessions, cons, rooms = inst["sessions"], inst["conseillers"], inst["rooms"]
    site_ids = [s["id"] for s in inst["sites"]]
    site_index = {sid: i for i, sid in enumerate(site_ids)}
    site_neigh = {s["id"]: s["neighbourhood"] for s in inst["sites"]}
    room_site = {r["id"]: site_index[r["site"]] for r in rooms}
    H = days * 2  # half-days: h = day * 2 + (0 am, 1 pm)

    def half_of(t):
        return (t // G) * 2 + (0 if t % G < mid else 1)

    m = cp_model.CpModel()
    q = {}                     # (s, c, h) -> bool
    x = {}                     # (s, c) -> bool (= Σ_h q)
    y = {}                     # (s, r) -> bool
    hs = {}                    # (s, h) -> bool (= Σ_c q)
    T = {}
    assigned = {}
    site_var = {}
    by_cons = [[] for _ in cons]      # (s, x var) for NoOverlap, loads
    by_room = [[] for _ in rooms]
    q_by_ch = {}                      # (c, h) -> [(s, q)]
    avail_cache, open_cache = {}, {}

    for si, s in enumerate(sessions):
        d = s["duration"]
        allowed = set()
        for day in range(days):
            for t in range(0, G - d + 1):
                if not (t + d <= mid or t >= mid):
                    continue
                if s["fixed"] is not None and (s["fixed"]["day"] != day or s["fixed"]["start"] != t):
                    continue
                allowed.add(day * G + t)
        cand_c = {}
        for ci, c in enumerate(cons):
            if s["skill"] is not None and s["skill"] not in c["skills"]:
                continue
            key = (ci, d)
            if key not in avail_cache:
                avail_cache[key] = starts_inside(c["available"], d, G, days)
            a = avail_cache[key] & allowed
            if a:
                cand_c[ci] = a
        cand_r = {}
        for ri, r in enumerate(rooms):
            if r["capacity"] < s["attendees"] or any(e not in r["equipment"] for e in s["equipment"]):
                continue
            if s["sites"] and r["site"] not in s["sites"]:
                continue
            key = (ri, d)
            if key not in open_cache:
                open_cache[key] = starts_inside(r["open"], d, G, days)
            o = open_cache[key] & allowed
            if o:
                cand_r[ri] = o
        union_c = set().union(*cand_c.values()) if cand_c else set()
        union_r = set().union(*cand_r.values()) if cand_r else set()
        domain = union_c & union_r
        if not domain:
            assigned[si] = None        # no static place: always unassigned
            continue
        cand_c = {ci: a & domain for ci, a in cand_c.items() if a & domain}
        cand_r = {ri: o & domain for ri, o in cand_r.items() if o & domain}
        Ts = m.NewIntVarFromDomain(cp_model.Domain.FromValues(sorted(domain)), f"T{si}")
        T[si] = Ts
        asg = m.NewBoolVar(f"a{si}")
        assigned[si] = asg
        # Who, and in which half-day.
        halves = sorted({half_of(t) for t in domain})
        for h in halves:
            hs[si, h] = m.NewBoolVar("")
            lo, hi = (h // 2) * G + (0 if h % 2 == 0 else mid), (h // 2) * G + (mid if h % 2 == 0 else G)
            m.AddLinearExpressionInDomain(
                Ts, cp_model.Domain.FromValues(sorted(t for t in domain if lo <= t < hi))).OnlyEnforceIf(hs[si, h])
        m.Add(sum(hs[si, h] for h in halves) == asg)
        for ci, a in cand_c.items():
            xv = m.NewBoolVar("")
            x[si, ci] = xv
            m.AddLinearExpressionInDomain(Ts, cp_model.Domain.FromValues(sorted(a))).OnlyEnforceIf(xv)
            qs = []
            for h in sorted({half_of(t) for t in a}):
                qv = m.NewBoolVar("")
                q[si, ci, h] = qv
                qs.append(qv)
                m.AddImplication(qv, hs[si, h])
                q_by_ch.setdefault((ci, h), []).append((si, qv))
            m.Add(sum(qs) == xv)
            by_cons[ci].append((si, xv))
        m.Add(sum(x[si, ci] for ci in cand_c) == asg)
        for h in halves:
            m.Add(sum(q[si, ci, h] for ci in cand_c if (si, ci, h) in q) == hs[si, h])
        # Where.
        sites_here = sorted({room_site[rooms[ri]["id"]] for ri in cand_r})
        sv = m.NewIntVarFromDomain(cp_model.Domain.FromValues(sites_here), f"site{si}")
        site_var[si] = sv
        for ri, o in cand_r.items():
            yv = m.NewBoolVar("")
            y[si, ri] = yv
            m.AddLinearExpressionInDomain(Ts, cp_model.Domain.FromValues(sorted(o))).OnlyEnforceIf(yv)
            m.Add(sv == room_site[rooms[ri]["id"]]).OnlyEnforceIf(yv)
            by_room[ri].append((si, yv))
        m.Add(sum(y[si, ri] for ri in cand_r) == asg)

    # Rules 8–9: no double booking.
    for ci in range(len(cons)):
        ivs = [m.NewOptionalFixedSizeIntervalVar(T[si], sessions[si]["duration"], xv, "") for si, xv in by_cons[ci]]
        if len(ivs) > 1:
            m.AddNoOverlap(ivs)
    for ri in range(len(rooms)):
        ivs = [m.NewOptionalFixedSizeIntervalVar(T[si], sessions[si]["duration"], yv, "") for si, yv in by_room[ri]]
        if len(ivs) > 1:
            m.AddNoOverlap(ivs)

    # Rule 10: one site per (conseiller, half-day); works[c, h] for site_change.
    n_sites = max(len(site_ids), 1)
    U, works = {}, {}
    for (ci, h), lst in q_by_ch.items():
        U[ci, h] = m.NewIntVar(0, n_sites - 1, "")
        works[ci, h] = m.NewBoolVar("")
        for si, qv in lst:
            m.Add(site_var[si] == U[ci, h]).OnlyEnforceIf(qv)
            m.AddImplication(qv, works[ci, h])
    # Rules 11–12 and the load.
    load = {}
    for ci, c in enumerate(cons):
        load[ci] = sum(sessions[si]["duration"] * xv for si, xv in by_cons[ci])
        m.Add(load[ci] <= c["max_grains_per_week"])
        for day in range(days):
            daily = [sessions[si]["duration"] * qv for h in (day * 2, day * 2 + 1) for si, qv in q_by_ch.get((ci, h), [])]
            if daily:
                m.Add(sum(daily) <= c["max_grains_per_day"])

    # Soft terms, each a linear expression.
    terms = {k: 0 for k in TERMS}
    for si, s in enumerate(sessions):
        cost = 1000 * s["duration"] * s["priority"]
        terms["unassigned"] += cost * (1 - assigned[si]) if assigned[si] is not None else cost
    # coverage
    for n in inst["neighbourhoods"]:
        placed = sum(sessions[si]["duration"] * yv for (si, ri), yv in y.items()
                     if site_neigh[rooms[ri]["site"]] == n["id"])
        short = m.NewIntVar(0, max(n["target_grains"], 0), "")
        m.Add(short >= n["target_grains"] - placed)
        terms["coverage"] += 5 * short
    # balance
    for ci, c in enumerate(cons):
        dev = m.NewIntVar(0, 10 ** 6, "")
        m.Add(dev >= load[ci] - c["target_grains"])
        m.Add(dev >= c["target_grains"] - load[ci])
        terms["balance"] += 2 * dev
    cons_index = {c["id"]: ci for ci, c in enumerate(cons)}
    room_index = {r["id"]: ri for ri, r in enumerate(rooms)}
    for si, s in enumerate(sessions):
        asg = assigned[si]
        if asg is None:
            continue
        a = s["anchor"]
        if a is not None:
            ac = cons_index.get(a["conseiller"])
            same_c = x.get((si, ac), 0) if ac is not None else 0
            same_day = sum(v for (s2, h), v in hs.items() if s2 == si and h // 2 == a["day"])
            same_start = m.NewBoolVar("")
            targets = [day * G + a["start"] for day in range(days)]
            m.AddLinearExpressionInDomain(T[si], cp_model.Domain.FromValues(targets)).OnlyEnforceIf(same_start)
            m.AddImplication(same_start, asg)
            terms["continuity"] += 30 * (asg - same_c) + 10 * (asg - same_day) + 5 * (asg - same_start)
        if s["preferred_sites"]:
            pref = set(s["preferred_sites"])
            terms["preferred_site"] += 4 * (asg - sum(yv for (s2, ri), yv in y.items() if s2 == si and rooms[ri]["site"] in pref))
    for (si, ci, h), qv in q.items():
        und = cons[ci]["undesired"]
        if any(u["day"] == h // 2 and u["half"] == ("am" if h % 2 == 0 else "pm") for u in und):
            terms["undesired"] += 3 * sessions[si]["duration"] * qv
    # site_change: both halves worked at different sites.
    for ci in range(len(cons)):
        for day in range(days):
            am, pm = (ci, day * 2), (ci, day * 2 + 1)
            if am in U and pm in U:
                change = m.NewBoolVar("")
                m.Add(U[am] == U[pm]).OnlyEnforceIf([works[am], works[pm], change.Not()])
                terms["site_change"] += 8 * change
    # disruption
    session_index = {s["id"]: si for si, s in enumerate(sessions)}
    for b in inst.get("baseline") or []:
        si = session_index[b["session"]]
        asg = assigned[si]
        if asg is None:
            continue
        same_c = x.get((si, cons_index[b["conseiller"]]), 0)
        same_r = y.get((si, room_index[b["room"]]), 0)
        same_t = m.NewBoolVar("")
        m.Add(T[si] == b["day"] * G + b["start"]).OnlyEnforceIf(same_t)
        m.AddImplication(same_t, asg)
        terms["disruption"] += 20 * (asg - same_c) + 15 * (asg - same_t) + 5 * (asg - same_r)

    m.Minimize(sum(terms.values()))
    build_seconds = time.monotonic() - t0
    stats = {"variables": len(m.Proto().variables), "constraints": len(m.Proto().constraints),
             "build_seconds": round(build_seconds, 2)}
    if log:
        print(f"model built in {build_seconds:.1f} s: {stats['variables']} variables, {stats['constraints']} constraints",
              file=sys.stderr)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = log
    first = {}

    class FirstSolution(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self):
            if not first:
                first["seconds"] = round(self.WallTime(), 2)
                first["soft"] = int(self.ObjectiveValue())

    status = solver.Solve(m, FirstSolution())
    stats.update(status=solver.StatusName(status), solve_seconds=round(solver.WallTime(), 2),
                 bound=int(solver.BestObjectiveBound()), first=first)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, None, stats

    stats["objective"] = int(solver.ObjectiveValue())
    assignments, unassigned = [], []
    for si, s in enumerate(sessions):
        if assigned[si] is None or not solver.BooleanValue(assigned[si]):
            unassigned.append({"session": s["id"], "reasons": ["not placed by CP-SAT"]})
            continue
        ci = next(ci for (s2, ci), v in x.items() if s2 == si and solver.BooleanValue(v))
        ri = next(ri for (s2, ri), v in y.items() if s2 == si and solver.BooleanValue(v))
        t = solver.Value(T[si])
        assignments.append({"session": s["id"], "conseiller": cons[ci]["id"], "room": rooms[ri]["id"],
                            "day": t // G, "start": t % G})
    term_values = evaluate(inst, assignments)
    score = {"hard": 0, "soft": sum(term_values.values()), "terms": term_values}
    plan = {"format": "relais-schedule-plan/1", "instance": inst.get("name", ""),
            "assignments": assignments, "unassigned": unassigned, "score": score}
    return plan, score, stats


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("instance")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="write the plan (relais-schedule-plan/1) here")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    ap.add_argument("--log", action="store_true", help="CP-SAT's search log on standard error")
    args = ap.parse_args()

    inst = load(args.instance)
    plan, score, stats = build_and_solve(inst, args.time_limit, args.workers, args.seed, args.log)
    if plan is not None and args.out:
        with open(args.out, "w") as f:
            json.dump(plan, f, indent=2)
            f.write("\n")
    if args.json:
        print(json.dumps({"instance": inst.get("name", ""), "score": score, **stats,
                          "assigned": len(plan["assignments"]) if plan else None}))
        return
    print(f"instance {inst.get('name', '')}: CP-SAT {stats['status']} after {stats['solve_seconds']} s "
          f"({args.workers} workers; model {stats['variables']} variables, built in {stats['build_seconds']} s)")
    if score is None:
        print("no plan found")
        sys.exit(1)
    print(f"{len(plan['assignments'])} of {len(inst['sessions'])} sessions placed; lower bound {stats['bound']}")
    print(f"score: hard 0, soft {score['soft']}")
    for k in TERMS:
        print(f"  {k:<16}{score['terms'][k]:>8}")


if __name__ == "__main__":
    main()

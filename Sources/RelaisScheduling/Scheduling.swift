// RelaisScheduling: the coordinator's week, between the store and the solver.
//
// RelaisStore returns plain rows (`ScheduleStore`), RelaisPlanning solves instances; this module
// maps one to the other, runs the plan / re-plan workflow, and renders calendars and week grids.

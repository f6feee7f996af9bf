# Where one embedded-Flink run's wall time went, from the timestamped lines its log holds (the harness
# turns on Flink's and Beam's lifecycle loggers for runs on embedded Flink, `pipeline_cmd` in `run`).
# Any POSIX awk. Input: the run's log; variables: start (the launch, seconds since midnight, local
# time, as the log's HH:MM:SS.mmm are) and wall (seconds). Prints one tab-separated line, seconds from
# the launch, or nothing when the log has no translation line (a DirectRunner run):
#   translate  cluster  ready  work_start  work_first_end  work_end  index_ms  shutdown
# The "work" is the chunk step (parse, validate and write or pack each chunk), else the step whose
# subtasks ran longest: when its first subtask started, when the first and the last finished.
# index_ms: the time webdataset spent building index.sqlite, as it logs it (0 when not logged).
function at(line,   h, m, s) {
  h = substr(line, 1, 2) + 0; m = substr(line, 4, 2) + 0; s = substr(line, 7, 6) + 0
  s = h * 3600 + m * 60 + s - start
  return s < -43200 ? s + 86400 : s # a run across midnight
}
/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9] / {
  t = at($0)
  if (translate == "" && /Creating a Batch Execution Environment/) translate = t
  if (cluster == "" && /Starting Flink Mini Cluster/) cluster = t
  if (ready == "" && /Flink Mini Cluster started successfully/) ready = t
  if (shutdown == "" && /Shutting down Flink Mini Cluster/) shutdown = t
  if (/Wrote Energon.s index\.sqlite/ && match($0, /\) in [0-9]+ ms/)) index_ms = substr($0, RSTART + 5, RLENGTH - 8) + 0
  # a task's state change: "NAME (k/N) (attempt) switched from A to B."
  if (/ExecutionGraph - / && match($0, / \([0-9]+\/[0-9]+\) \([0-9a-f_]+\) switched from [A-Z_]+ to [A-Z_]+/)) {
    head = index($0, "ExecutionGraph - ") + 17
    name = substr($0, head, RSTART - head)
    change = substr($0, RSTART, RLENGTH)
    subtask = name SUBSEP substr(change, 2, index(change, ")") - 1)
    if (change ~ / to RUNNING$/) { began[subtask] = t; task[subtask] = name }
    if (change ~ / to FINISHED$/ && (subtask in began)) ended[subtask] = t
  }
}
END {
  if (translate == "") exit
  # each step's longest subtask; the work is the chunk step ("Parse, validate and write|pack each
  # chunk") where there is one, else the step with the longest (sinks aside: they wait on their input)
  for (s in ended) {
    if (task[s] ~ /^DataSink/) continue
    d = ended[s] - began[s]; if (d > longest[task[s]]) longest[task[s]] = d
  }
  for (n in longest) {
    if (n ~ /each chunk\)$/) { work = n; break }
    if (work == "" || longest[n] > longest[work]) work = n
  }
  first_start = ""; first_end = ""; last_end = ""
  for (s in ended) {
    if (task[s] != work) continue
    if (first_start == "" || began[s] < first_start) first_start = began[s]
    if (first_end == "" || ended[s] < first_end) first_end = ended[s]
    if (last_end == "" || ended[s] > last_end) last_end = ended[s]
  }
  if (cluster == "" || ready == "" || first_start == "") exit
  if (shutdown == "") shutdown = wall
  printf "%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%.2f\n", translate, cluster, ready, first_start, first_end, last_end, index_ms + 0, shutdown
}

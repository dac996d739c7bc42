# Helpers shared by the bench scripts (sourced, not run).

# A TCP port free on the loopback interface right now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# Waits up to 30 s until something accepts connections on the loopback port.
await_port() {
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1 after 30 s" >&2
  return 1
}
# User + system CPU time of a process, in clock ticks (getconf CLK_TCK per second).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Busy time of the whole machine (all cores, every process: the client, the brokers, other users' work).
machine_busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }

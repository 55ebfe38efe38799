# Shares of the route's CPU samples by layer, from a JFR recording of the telemetry benchmarks:
#   jfr print --events jdk.ExecutionSample --stack-depth 64 FILE.jfr | awk -f benchmarks/jfr-shares.awk
# A sample belongs to the route when a frame is this component's or Camel's (the senders' path, and the hub's
# acknowledgement completing the exchange on Paho's callback thread). Paho's own I/O threads do the same work for
# both clients and are left out (the component's run under ClientLoops, which alone does not make a sample the
# route's); so is class initialization, which runs once. A sample counts for the first frame
# from the top that is not the JDK's, so JDK code counts for whoever called it; the top frames of each layer follow.
function layer(frame) {
    if (frame ~ /^io\.github\.iothubmqtt\.camel\.session\./) return "session"
    if (frame ~ /^io\.github\.iothubmqtt\.camel\./) return "component"
    if (frame ~ /^io\.github\.iothubmqtt\.protocol\./) return "protocol"
    if (frame ~ /^io\.github\.iothubmqtt\.benchmarks\./) return "benchmark"
    if (frame ~ /^org\.apache\.camel\./) return "camel"
    if (frame ~ /^org\.eclipse\.paho\./) return "paho"
    return ""
}
/stackTrace = \[/ { n = 0; inStack = 1; next }
inStack && /^ *\]/ {
    inStack = 0
    route = 0; once = 0
    for (i = 1; i <= n; i++) {
        if (stack[i] ~ /^(io\.github\.iothubmqtt\.camel\.|org\.apache\.camel\.)/ && stack[i] !~ /\.ClientLoops\$/) route = 1
        if (stack[i] ~ /<clinit>|BenchmarkMain\.main/) once = 1
    }
    if (!route || once) next
    total++
    for (i = 1; i <= n; i++) {
        l = layer(stack[i])
        if (l != "") {
            shares[l]++
            top[l " " stack[1]]++
            break
        }
    }
    next
}
inStack { sub(/^ +/, ""); sub(/\(.*$/, ""); stack[++n] = $0 }
END {
    printf "%d route samples\n", total
    for (l in shares) printf "%5.1f%%  %s\n", 100 * shares[l] / total, l | "sort -rn"
    close("sort -rn")
    for (f in top) if (top[f] / total >= 0.01) printf "%5.1f%%  %s\n", 100 * top[f] / total, f | "sort -rn"
}

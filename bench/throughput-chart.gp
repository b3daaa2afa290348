# The chart of bench/throughput.sh: one panel per scenario, ours against the peer, with the
# target drawn as a dashed line. bench/throughput.sh loads a file of assignments first:
#   datafile, outfile, heading, npanels, and for each panel i: title<i>, unit<i>, target<i>
# (the target in the panel's unit) and targetname<i> (what the dashed line means, shown under
# the panel's title). The data file has one block per panel (blocks separated by
# two blank lines), one bar per line: "label" value colour (0 ours, 1 ours another way, 2 peer).
# A "|" in a label or title starts a new line.

br(s) = strstrt(s, "|") > 0 ? s[1:strstrt(s, "|") - 1] . "\n" . br(s[strstrt(s, "|") + 1:]) : s
colour(k) = k == 0 ? 0x1f77b4 : (k == 1 ? 0x9ecae1 : 0xe6550d)

set encoding utf8
set terminal pngcairo size 1500, 620 font "DejaVu Sans,11" noenhanced
set output outfile
set multiplot layout 1, npanels title br(heading) font "DejaVu Sans,12"
set style fill solid 0.9 border lc rgb "#333333"
set boxwidth 0.6
set grid ytics lc rgb "#dddddd"
unset key
set xtics nomirror scale 0 font "DejaVu Sans,11"
set ytics nomirror
set border 3
set tmargin 7
set bmargin 4.5

do for [i = 1:npanels] {
    t = value(sprintf("target%d", i))
    set autoscale xy  # stats skips values outside the previous panel's ranges
    stats datafile index (i - 1) using 2 nooutput
    top = (STATS_max > t ? STATS_max : t) * 1.18
    set yrange [0:top]
    set xrange [-0.6:STATS_records - 0.4]
    set title br(value(sprintf("title%d", i)) . "|" . value(sprintf("targetname%d", i))) font "DejaVu Sans,11.5"
    set ylabel value(sprintf("unit%d", i))
    unset arrow
    unset label
    set arrow 1 from graph 0, first t to graph 1, first t nohead dt 2 lw 2 lc rgb "#555555" front
    plot datafile index (i - 1) using 0:2:(colour($3)):xtic(br(stringcolumn(1))) with boxes lc rgb variable, \
         '' index (i - 1) using 0:2:(sprintf("%.0f", $2)) with labels offset 0, 0.8 font "DejaVu Sans,11"
}
unset multiplot

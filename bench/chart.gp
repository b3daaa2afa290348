# A chart of bench/throughput.sh, one per row: for each x (a round, or a count of receivers) a bar
# of ours and a bar of theirs, and over ours a dashed mark at the value that meets the target.
# bench/throughput.sh sets, with -e: datafile, outfile, heading (a "|" starts a new line), unit
# (the y axis), oursname and theirsname (the legend; theirsname "" when there is no bar of theirs).
# The data file has one line per x: "label" ours theirs target, "-" for a value that is missing.

br(s) = strstrt(s, "|") > 0 ? s[1:strstrt(s, "|") - 1] . "\n" . br(s[strstrt(s, "|") + 1:]) : s

set encoding utf8
set terminal pngcairo size 1000, 560 font "DejaVu Sans,10" noenhanced
set output outfile
set datafile missing "-"
set title br(heading) font "DejaVu Sans,10.5"
set style fill solid 0.9 border lc rgb "#333333"
set boxwidth 0.36
set grid ytics lc rgb "#dddddd"
set key outside bottom center horizontal
set xtics nomirror scale 0
set ytics nomirror
set border 3
set ylabel unit
set yrange [0:*]
set offsets 0.5, 0.5, graph 0.12, 0
set tmargin 6

bars = theirsname eq "" ? 0 : 1
shift = bars ? 0.19 : 0
plot datafile using ($0 - shift):2:xtic(1) with boxes lc rgb "#1f77b4" title oursname, \
     '' using ($0 - shift):2:(sprintf("%.0f", $2)) with labels offset 0, 0.7 notitle, \
     '' using ($0 + shift):(bars ? $3 : NaN) with boxes lc rgb "#e6550d" title (bars ? theirsname : ""), \
     '' using ($0 + shift):(bars ? $3 : NaN):(sprintf("%.0f", $3)) with labels offset 0, 0.7 notitle, \
     '' using ($0 - shift - 0.22):4:(0.44):(0) with vectors nohead dt 2 lw 2.5 lc rgb "#333333" \
        title (bars ? "target (× theirs)" : "limit")

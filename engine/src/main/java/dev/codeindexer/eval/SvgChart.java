package dev.codeindexer.eval;

import java.util.List;
import java.util.Locale;

/** A grouped bar chart of an {@link EvalReport}: one group per metric, one bar per search mode. */
public final class SvgChart {
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759"};
    private static final List<String> METRICS = List.of("MRR@10", "hit@1", "hit@10", "NDCG@10");

    private SvgChart() {
    }

    public static String render(EvalReport report) {
        int width = 640;
        int height = 360;
        int left = 50;
        int bottom = 300;
        int plot = 250;
        List<String> modes = List.copyOf(report.modes().keySet());
        int group = (width - left - 20) / METRICS.size();
        int bar = Math.max(8, (group - 20) / Math.max(1, modes.size()));
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">Code Indexer retrieval quality (%s)</text>%n",
                left, escape(String.join(", ", report.corpora()))));
        for (int tick = 0; tick <= 10; tick += 2) {
            double y = bottom - plot * tick / 10.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n", left, y, width - 10, y, left - 5, y + 4, tick / 10.0));
        }
        for (int g = 0; g < METRICS.size(); g++) {
            int x0 = left + 10 + g * group;
            for (int m = 0; m < modes.size(); m++) {
                double v = value(report.modes().get(modes.get(m)), METRICS.get(g));
                double h = plot * v;
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s %s %.3f</title></rect>%n", x0 + m * bar, bottom - h, bar - 2, h,
                        COLORS[m % COLORS.length], modes.get(m), METRICS.get(g), v));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x0, bottom + 18, METRICS.get(g)));
        }
        for (int m = 0; m < modes.size(); m++) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", left + m * 110, bottom + 35, COLORS[m % COLORS.length],
                    left + m * 110 + 16, bottom + 46, escape(modes.get(m))));
        }
        return s.append("</svg>\n").toString();
    }

    private static double value(Metrics.Summary m, String metric) {
        return switch (metric) {
            case "MRR@10" -> m.mrr10();
            case "hit@1" -> m.hit1();
            case "hit@10" -> m.hit10();
            default -> m.ndcg10();
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

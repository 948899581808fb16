package org.boxoffice.waitingroom.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.boxoffice.waitingroom.QueueRecord;
import org.jspecify.annotations.Nullable;

/** Spearman's rank correlation of join order against admission order. */
final class RankCorrelation {
    private RankCorrelation() {
    }

    /**
     * ρ over the given entries, listed in order of admission: the Pearson correlation of their join-time ranks (ties,
     * joins in the same millisecond, share their mean rank) with their admission ranks. Null with fewer than two.
     */
    static @Nullable Double spearman(List<QueueRecord> inAdmissionOrder) {
        int n = inAdmissionOrder.size();
        if (n < 2) {
            return null;
        }
        double[] admission = new double[n];
        for (int i = 0; i < n; i++) {
            admission[i] = i + 1;
        }
        double[] join = ranks(inAdmissionOrder.stream().mapToLong(r -> r.joinedAt().toEpochMilli()).toArray());
        return pearson(join, admission);
    }

    static double[] ranks(long[] values) {
        int n = values.length;
        Integer[] byValue = new Integer[n];
        Arrays.setAll(byValue, i -> i);
        Arrays.sort(byValue, Comparator.comparingLong(i -> values[i]));
        double[] ranks = new double[n];
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[byValue[end + 1]] == values[byValue[start]]) {
                end++;
            }
            double mean = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[byValue[k]] = mean;
            }
            start = end + 1;
        }
        return ranks;
    }

    static @Nullable Double pearson(double[] x, double[] y) {
        int n = x.length;
        double meanX = Arrays.stream(x).average().orElse(0);
        double meanY = Arrays.stream(y).average().orElse(0);
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < n; i++) {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            varianceX += (x[i] - meanX) * (x[i] - meanX);
            varianceY += (y[i] - meanY) * (y[i] - meanY);
        }
        // all joined in one millisecond: join order says nothing, and neither can a correlation with it
        return varianceX == 0 || varianceY == 0 ? null : covariance / Math.sqrt(varianceX * varianceY);
    }
}

/// The middle value (the upper middle of an even count); `values` must not be empty.
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// The value below which a fraction `p` of `sorted` (ascending, not empty) lies.
func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }

import RelaisCore

/// SplitMix64 with the demo's helpers, so demo data is the same for the same seed.
struct DemoRandom: RandomNumberGenerator {
    private var core: SplitMix64

    init(seed: UInt64, stream: UInt64 = 0) {
        core = SplitMix64(state: seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1))
        _ = next()
    }

    mutating func next() -> UInt64 { core.next() }

    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    /// One element.
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// One element by weight.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var r = Int(next() % UInt64(total))
        for (item, weight) in items {
            if r < weight { return item }
            r -= weight
        }
        return items[items.count - 1].0
    }
}

import RelaisCore
// A seedable generator: the solver and the instance generator must give the same result
// for the same seed on every machine, which SystemRandomNumberGenerator cannot.

/// xoshiro256** seeded through SplitMix64 (Blackman & Vigna).
package struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    package init(seed: UInt64) {
        var seeding = SplitMix64(state: seed)
        s0 = seeding.next(); s1 = seeding.next(); s2 = seeding.next(); s3 = seeding.next()
    }

    package mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform integer in `0..<n` (n > 0), by Lemire's multiply-shift.
    @inline(__always)
    package mutating func below(_ n: Int) -> Int {
        Int((UInt128(next()) &* UInt128(UInt64(n))) >> 64)
    }

    /// True with probability `p`.
    package mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1.0p-53 < p
    }

    /// A uniform double in [0, 1).
    package mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

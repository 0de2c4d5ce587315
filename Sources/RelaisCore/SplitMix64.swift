/// SplitMix64 (Steele, Lea & Flood): a tiny seedable generator for reproducible demo data.
///
/// The demo generators start it from their own state so that the same seed gives the same
/// town, week after week.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    /// A generator whose next output follows `state`.
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

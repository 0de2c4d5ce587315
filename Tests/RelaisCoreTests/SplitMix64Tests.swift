import Testing

@testable import RelaisCore

@Suite struct SplitMix64Tests {
    /// The reference outputs of SplitMix64 started from 0 (as in Vigna's splitmix64.c).
    @Test func matchesTheReferenceSequence() {
        var g = SplitMix64(state: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func theSameStateGivesTheSameNumbers() {
        var a = SplitMix64(state: 42), b = SplitMix64(state: 42), c = SplitMix64(state: 43)
        let fromA = (0..<5).map { _ in a.next() }
        #expect(fromA == (0..<5).map { _ in b.next() })
        #expect(fromA != (0..<5).map { _ in c.next() })
    }
}

// A fixed-width set of week slots (slot = day × grains_per_day + grain), used by the solver
// to intersect availability, opening hours and occupancy a word at a time.

/// A set of at most 256 week slots.
package struct SlotSet: Sendable, Hashable {
    package static let capacity = 256
    package var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

    package init() {}

    @inline(__always) package init(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) {
        w0 = a; w1 = b; w2 = c; w3 = d
    }

    /// Slots `lo..<hi`.
    package init(range lo: Int, _ hi: Int) {
        for i in max(lo, 0)..<max(min(hi, Self.capacity), max(lo, 0)) { insert(i) }
    }

    @inline(__always) package var isEmpty: Bool { (w0 | w1 | w2 | w3) == 0 }

    @inline(__always) package var count: Int {
        w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount + w3.nonzeroBitCount
    }

    @inline(__always) package func contains(_ i: Int) -> Bool {
        let bit = UInt64(1) << UInt64(i & 63)
        switch i >> 6 {
        case 0: return w0 & bit != 0
        case 1: return w1 & bit != 0
        case 2: return w2 & bit != 0
        default: return w3 & bit != 0
        }
    }

    @inline(__always) package mutating func insert(_ i: Int) {
        let bit = UInt64(1) << UInt64(i & 63)
        switch i >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    @inline(__always) package mutating func remove(_ i: Int) {
        let bit = ~(UInt64(1) << UInt64(i & 63))
        switch i >> 6 {
        case 0: w0 &= bit
        case 1: w1 &= bit
        case 2: w2 &= bit
        default: w3 &= bit
        }
    }

    @inline(__always) package static func & (a: SlotSet, b: SlotSet) -> SlotSet {
        SlotSet(a.w0 & b.w0, a.w1 & b.w1, a.w2 & b.w2, a.w3 & b.w3)
    }

    @inline(__always) package static func | (a: SlotSet, b: SlotSet) -> SlotSet {
        SlotSet(a.w0 | b.w0, a.w1 | b.w1, a.w2 | b.w2, a.w3 | b.w3)
    }

    @inline(__always) package static prefix func ~ (a: SlotSet) -> SlotSet {
        SlotSet(~a.w0, ~a.w1, ~a.w2, ~a.w3)
    }

    /// Bit t of the result is bit t+k of self (k in 0..<64).
    @inline(__always) package func shiftedDown(_ k: Int) -> SlotSet {
        if k == 0 { return self }
        let k = UInt64(k), r = 64 - k
        return SlotSet(
            (w0 >> k) | (w1 << r), (w1 >> k) | (w2 << r), (w2 >> k) | (w3 << r), w3 >> k)
    }

    /// Starts t such that none of t..<t+duration is in self (self = busy slots).
    @inline(__always) package func freeStarts(_ duration: Int) -> SlotSet {
        var occupied = self
        var k = 1
        while k < duration {
            occupied = occupied | shiftedDown(k)
            k += 1
        }
        return ~occupied
    }

    /// Whether any of `start..<start+length` is in the set.
    @inline(__always) package func intersects(start: Int, length: Int) -> Bool {
        var i = start
        while i < start + length {
            if contains(i) { return true }
            i += 1
        }
        return false
    }


    /// Calls `body` on each member in increasing order.
    @inline(__always) package func forEach(_ body: (Int) -> Void) {
        var w = w0
        while w != 0 { body(w.trailingZeroBitCount); w &= w - 1 }
        w = w1
        while w != 0 { body(64 + w.trailingZeroBitCount); w &= w - 1 }
        w = w2
        while w != 0 { body(128 + w.trailingZeroBitCount); w &= w - 1 }
        w = w3
        while w != 0 { body(192 + w.trailingZeroBitCount); w &= w - 1 }
    }

    /// The `n`-th member (0-based) in increasing order; -1 when n >= count.
    package func member(at n: Int) -> Int {
        var n = n
        for wi in 0..<4 {
            var w: UInt64 = wi == 0 ? w0 : wi == 1 ? w1 : wi == 2 ? w2 : w3
            let c = w.nonzeroBitCount
            if n < c {
                for _ in 0..<n { w &= w - 1 }
                return wi * 64 + w.trailingZeroBitCount
            }
            n -= c
        }
        return -1
    }
}

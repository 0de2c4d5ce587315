/// A lendable device: refurbished laptop or desktop, tablet, smartphone, 4G router.
public struct Device: Sendable, Hashable, Codable {
    /// The database id, `nil` before storage.
    public var id: Int64?
    /// The label stuck on it, e.g. `PC-0042`; its prefix matches `kind`.
    public let assetTag: AssetTag
    /// The manufacturer's serial number, when readable.
    public let serial: String?
    /// Where it came from.
    public let origin: DeviceOrigin
    /// Its physical condition.
    public var condition: DeviceCondition
    /// Where it is (change it through `LoanLifecycle`).
    public var status: DeviceStatus
    /// Make and model, e.g. "Lenovo ThinkPad T470".
    public let model: String?

    /// Creates a device.
    public init(
        id: Int64? = nil, assetTag: AssetTag, serial: String? = nil, origin: DeviceOrigin,
        condition: DeviceCondition, status: DeviceStatus = .available, model: String? = nil
    ) throws(ValidationError) {
        self.id = id
        self.assetTag = assetTag
        self.serial = try TextRules.optional(serial, field: "serial", limit: 100)
        self.origin = origin
        self.condition = condition
        self.status = status
        self.model = try TextRules.optional(model, field: "model", limit: 100)
    }

    /// The kind of device, from its tag.
    public var kind: DeviceKind { assetTag.kind }

    /// Decodes and re-checks the device.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            assetTag: try c.decode(AssetTag.self, forKey: .assetTag),
            serial: try c.decodeIfPresent(String.self, forKey: .serial),
            origin: try c.decode(DeviceOrigin.self, forKey: .origin),
            condition: try c.decode(DeviceCondition.self, forKey: .condition),
            status: try c.decodeIfPresent(DeviceStatus.self, forKey: .status) ?? .available,
            model: try c.decodeIfPresent(String.self, forKey: .model))
    }
}

/// A quantity-tracked consumable (SIM cards, data top-ups): issued, never returned.
public struct StockItem: Sendable, Hashable, Codable {
    /// The database id, `nil` before storage.
    public var id: Int64?
    /// SIM card or data top-up.
    public let kind: StockKind
    /// What it is exactly, e.g. "SIM prépayée 100 Go 6 mois".
    public let label: String
    /// How many are in stock, ≥ 0.
    public let quantity: Int

    /// The rule that stock cannot go below zero.
    public static let notEnoughStock = ValidationError.Rule(
        id: "not_enough_stock",
        en: "not enough in stock for this issue",
        fr: "stock insuffisant pour cette remise")

    /// Creates a stock line.
    public init(id: Int64? = nil, kind: StockKind, label: String, quantity: Int) throws(ValidationError) {
        self.id = id
        self.kind = kind
        self.label = try TextRules.required(label, field: "label", limit: 100)
        self.quantity = try TextRules.inRange(quantity, 0...1_000_000, field: "quantity")
    }

    /// The stock after issuing `count` units.
    ///
    /// - Throws: `.outOfRange` on a non-positive count, `.rule(not_enough_stock)` on `quantity`.
    public func issuing(_ count: Int) throws(ValidationError) -> StockItem {
        _ = try TextRules.inRange(count, 1...1_000_000, field: "count")
        guard count <= quantity else { throw .rule("quantity", Self.notEnoughStock) }
        return try StockItem(id: id, kind: kind, label: label, quantity: quantity - count)
    }

    /// The stock after receiving `count` units.
    public func restocking(_ count: Int) throws(ValidationError) -> StockItem {
        _ = try TextRules.inRange(count, 1...1_000_000, field: "count")
        return try StockItem(id: id, kind: kind, label: label, quantity: quantity + count)
    }

    /// Decodes and re-checks the stock line.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            kind: try c.decode(StockKind.self, forKey: .kind),
            label: try c.decode(String.self, forKey: .label),
            quantity: try c.decode(Int.self, forKey: .quantity))
    }
}

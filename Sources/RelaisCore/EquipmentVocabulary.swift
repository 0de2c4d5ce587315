/// The kind of a lendable device; it fixes the asset-tag prefix.
public enum DeviceKind: String, Taxonomy {
    case laptop
    case desktop
    case tablet
    case smartphone
    case router4G = "router_4g"

    /// The asset-tag prefix: PC (laptop), UC (desktop, *unité centrale*), TAB, TEL, RTR.
    public var tagPrefix: String {
        switch self {
        case .laptop: "PC"
        case .desktop: "UC"
        case .tablet: "TAB"
        case .smartphone: "TEL"
        case .router4G: "RTR"
        }
    }

    /// The field name used in messages.
    public static var fieldName: String { "device_kind" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .laptop: "Ordinateur portable"
        case .desktop: "Ordinateur fixe"
        case .tablet: "Tablette"
        case .smartphone: "Smartphone"
        case .router4G: "Routeur 4G"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .laptop: "Laptop"
        case .desktop: "Desktop"
        case .tablet: "Tablet"
        case .smartphone: "Smartphone"
        case .router4G: "4G router"
        }
    }
}

/// Where a device is: in stock, lent, being repaired, retired, or given for good.
public enum DeviceStatus: String, Taxonomy {
    case available
    case onLoan = "on_loan"
    case inRepair = "in_repair"
    case retired
    case handedOver = "handed_over"

    /// The field name used in messages.
    public static var fieldName: String { "device_status" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .available: "Disponible"
        case .onLoan: "Prêté"
        case .inRepair: "En réparation"
        case .retired: "Réformé"
        case .handedOver: "Remis définitivement"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .available: "Available"
        case .onLoan: "On loan"
        case .inRepair: "In repair"
        case .retired: "Retired"
        case .handedOver: "Handed over"
        }
    }
}

/// Where a device came from.
public enum DeviceOrigin: String, Taxonomy {
    case townIT = "town_it"
    case donor
    case refurbisher

    /// The field name used in messages.
    public static var fieldName: String { "origin" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .townIT: "Parc informatique de la ville"
        case .donor: "Don"
        case .refurbisher: "Reconditionneur"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .townIT: "Town IT fleet"
        case .donor: "Donation"
        case .refurbisher: "Refurbisher"
        }
    }
}

/// The physical condition of a device, recorded when it goes out and comes back.
public enum DeviceCondition: String, Taxonomy {
    case new
    case good
    case fair
    case poor
    case broken

    /// Whether a device coming back in this condition goes to repair (poor or broken).
    public var needsRepair: Bool { self == .poor || self == .broken }

    /// The field name used in messages.
    public static var fieldName: String { "condition" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .new: "Neuf"
        case .good: "Bon état"
        case .fair: "État correct"
        case .poor: "Mauvais état"
        case .broken: "Hors service"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .new: "New"
        case .good: "Good"
        case .fair: "Fair"
        case .poor: "Poor"
        case .broken: "Broken"
        }
    }
}

/// A quantity-tracked consumable: prepaid SIM cards and data top-ups.
public enum StockKind: String, Taxonomy {
    case simCard = "sim_card"
    case dataTopup = "data_topup"

    /// The field name used in messages.
    public static var fieldName: String { "stock_kind" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .simCard: "Carte SIM prépayée"
        case .dataTopup: "Recharge de données"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .simCard: "Prepaid SIM card"
        case .dataTopup: "Data top-up"
        }
    }
}

/// Where a loan stands.
public enum LoanStatus: String, Taxonomy {
    case open
    case returned
    case handedOver = "handed_over"
    case lost

    /// The field name used in messages.
    public static var fieldName: String { "loan_status" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .open: "En cours"
        case .returned: "Rendu"
        case .handedOver: "Remis définitivement"
        case .lost: "Perdu"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .open: "Open"
        case .returned: "Returned"
        case .handedOver: "Handed over"
        case .lost: "Lost"
        }
    }
}

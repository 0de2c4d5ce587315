// swift-tools-version:6.0
// Relais — digital-inclusion desk, loans, planning and funder reports.
//
// Layers (arrows: "may import"):
//   relais-admin, relais-intake ──▶ RelaisCLI, RelaisStore, RelaisCore
//   relais-schedule             ──▶ RelaisCLI, RelaisStore, RelaisCore, RelaisScheduling, RelaisPlanning
//   RelaisCLI        ──▶ RelaisStore, RelaisCore
//   RelaisScheduling ──▶ RelaisStore, RelaisPlanning, RelaisCore (the coordinator's week)
//   RelaisStore      ──▶ RelaisCore, CSQLite, CLibPQ (system libraries)
//   RelaisPlanning   ──▶ RelaisCore
import PackageDescription

let package = Package(
    name: "Relais",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "relais-admin", targets: ["relais-admin"]),
        .executable(name: "relais-intake", targets: ["relais-intake"]),
        .executable(name: "relais-schedule", targets: ["relais-schedule"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries, found through pkg-config.
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),

        // The domain: value types, taxonomies, validation, state machines. No I/O.
        .target(name: "RelaisCore"),
        // The only module that speaks SQL.
        .target(name: "RelaisStore", dependencies: ["RelaisCore", "CSQLite", "CLibPQ"]),
        // The weekly scheduler: never touches the database; reads and writes its own JSON files (PlanningFiles).
        .target(name: "RelaisPlanning", dependencies: ["RelaisCore"]),
        // The coordinator's week: database ⇄ planning instance, plan workflow, calendars, HTML.
        .target(name: "RelaisScheduling", dependencies: ["RelaisCore", "RelaisStore", "RelaisPlanning"]),
        // What every program shares: database option, agent, formats, messages, exit codes.
        .target(
            name: "RelaisCLI",
            dependencies: [
                "RelaisCore", "RelaisStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Programs: thin doorways.
        .executableTarget(
            name: "relais-admin",
            dependencies: [
                "RelaisCore", "RelaisStore", "RelaisCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "relais-intake",
            dependencies: [
                "RelaisCore", "RelaisStore", "RelaisCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "relais-schedule",
            dependencies: [
                "RelaisCore", "RelaisPlanning", "RelaisCLI", "RelaisStore", "RelaisScheduling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Tests.
        .target(
            name: "RelaisTestSupport",
            dependencies: ["RelaisCore", "RelaisStore"],
            path: "Tests/RelaisTestSupport"),
        .executableTarget(name: "relais-stress", dependencies: ["RelaisStore"], path: "Tests/RelaisStress"),
        .testTarget(name: "RelaisCoreTests", dependencies: ["RelaisCore"]),
        .testTarget(
            name: "RelaisStoreTests",
            dependencies: ["RelaisCore", "RelaisStore", "RelaisTestSupport"]),
        .testTarget(name: "RelaisPlanningTests", dependencies: ["RelaisCore", "RelaisPlanning"]),
        .testTarget(
            name: "RelaisSchedulingTests",
            dependencies: ["RelaisCore", "RelaisStore", "RelaisPlanning", "RelaisScheduling", "RelaisTestSupport"]),
        .testTarget(
            name: "RelaisCLITests",
            dependencies: ["RelaisCLI", "RelaisStore", "RelaisTestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["RelaisCore", "RelaisStore", "RelaisCLI", "RelaisTestSupport"],
            // Fixtures: CSV samples read at run time; Support: the iCalendar checker (Python).
            exclude: ["Fixtures", "Support"]),
    ]
)

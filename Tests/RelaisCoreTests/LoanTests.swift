import Foundation
import Testing

@testable import RelaisCore

@Suite struct LoanLifecycleTests {
    static let tag = try! AssetTag(parsing: "PC-0042")

    func apply(_ event: DeviceEvent, _ state: DeviceState) throws(TransitionRefusal) -> DeviceState {
        try LoanLifecycle.apply(event, to: state, device: Self.tag)
    }

    static let onLoanTo7 = DeviceState(status: .onLoan, holderResidentId: 7)
    static let grantTo7 = DeviceState(status: .onLoan, holderResidentId: 7, isConnectivityGrant: true)

    /// Every allowed transition: (event, from, expected status).
    @Test(arguments: [
        (DeviceEvent.lend(to: 7, connectivityGrant: false), DeviceState.available, DeviceStatus.onLoan),
        (.returned(condition: .good), onLoanTo7, .available),
        (.returned(condition: .fair), onLoanTo7, .available),
        (.returned(condition: .poor), onLoanTo7, .inRepair),
        (.returned(condition: .broken), onLoanTo7, .inRepair),
        (.renew, onLoanTo7, .onLoan),
        (.renew, grantTo7, .onLoan),
        (.handOver(to: 7), .available, .handedOver),
        (.handOver(to: 7), onLoanTo7, .handedOver),
        (.sendToRepair, .available, .inRepair),
        (.repaired, DeviceState(status: .inRepair), .available),
        (.retire, .available, .retired),
        (.retire, DeviceState(status: .inRepair), .retired),
        (.retire, DeviceState(status: .handedOver, holderResidentId: 7), .retired),
        (.reportLost, onLoanTo7, .retired),
    ])
    func allowedTransition(event: DeviceEvent, from: DeviceState, to: DeviceStatus) throws {
        #expect(try apply(event, from).status == to)
    }

    @Test func lendingRecordsHolderAndGrant() throws {
        let lent = try apply(.lend(to: 9, connectivityGrant: true), .available)
        #expect(lent.holderResidentId == 9 && lent.isConnectivityGrant && lent.renewals == 0)
        let back = try apply(.returned(condition: .good), lent)
        #expect(back == .available)
        let given = try apply(.handOver(to: 9), lent)
        #expect(given.holderResidentId == 9)
    }

    @Test func connectivityGrantRenewsOnceOtherLoansRenewAgain() throws {
        let once = try apply(.renew, Self.grantTo7)
        #expect(once.renewals == 1)
        let refused = refusal { () throws(TransitionRefusal) in try apply(.renew, once) }
        #expect(refused?.code == "device.renewal_limit")
        #expect(
            refused?.message(.en)
                == "device PC-0042 is a connectivity grant already renewed once; it cannot be renewed again")
        let twice = try apply(.renew, try apply(.renew, Self.onLoanTo7))
        #expect(twice.renewals == 2)
    }

    /// Every refused (event, state) pair with its code.
    @Test(arguments: [
        (DeviceEvent.lend(to: 8, connectivityGrant: false), onLoanTo7, "device.on_loan_elsewhere"),
        (.lend(to: 7, connectivityGrant: false), onLoanTo7, "device.already_lent"),
        (.lend(to: 7, connectivityGrant: false), DeviceState(status: .inRepair), "device.in_repair"),
        (.lend(to: 7, connectivityGrant: false), DeviceState(status: .retired), "device.gone"),
        (
            .lend(to: 7, connectivityGrant: false), DeviceState(status: .handedOver, holderResidentId: 3),
            "device.gone"
        ),
        (.returned(condition: .good), .available, "device.not_on_loan"),
        (.returned(condition: .good), DeviceState(status: .inRepair), "device.not_on_loan"),
        (.renew, .available, "device.not_on_loan"),
        (.handOver(to: 8), onLoanTo7, "device.on_loan_elsewhere"),
        (.handOver(to: 8), DeviceState(status: .inRepair), "device.in_repair"),
        (.handOver(to: 8), DeviceState(status: .retired), "device.gone"),
        (.handOver(to: 8), DeviceState(status: .handedOver, holderResidentId: 3), "device.gone"),
        (.sendToRepair, onLoanTo7, "device.on_loan"),
        (.sendToRepair, DeviceState(status: .inRepair), "device.already"),
        (.sendToRepair, DeviceState(status: .retired), "device.gone"),
        (.repaired, .available, "device.not_in_repair"),
        (.repaired, onLoanTo7, "device.not_in_repair"),
        (.retire, onLoanTo7, "device.on_loan"),
        (.retire, DeviceState(status: .retired), "device.already"),
        (.reportLost, .available, "device.not_on_loan"),
    ])
    func refusedTransition(event: DeviceEvent, from: DeviceState, code: String) {
        let refused = refusal { () throws(TransitionRefusal) in try apply(event, from) }
        #expect(refused?.code == code)
        #expect(refused?.message(.en).hasPrefix("device PC-0042 ") == true)
        #expect(refused?.message(.fr).hasPrefix("l’appareil PC-0042 ") == true)
    }

    @Test func refusalMessages() {
        let elsewhere = refusal { () throws(TransitionRefusal) in
            try apply(.lend(to: 8, connectivityGrant: false), Self.onLoanTo7)
        }
        #expect(elsewhere?.message(.en) == "device PC-0042 is on loan to another resident; return it first")
        #expect(
            elsewhere?.message(.fr)
                == "l’appareil PC-0042 est prêté à une autre personne ; faites-le rendre d’abord")
        let notLent = refusal { () throws(TransitionRefusal) in
            try apply(.returned(condition: .good), .available)
        }
        #expect(notLent?.message(.en) == "device PC-0042 is available, not on loan; nothing to return")
        let retired = refusal { () throws(TransitionRefusal) in
            try apply(.retire, DeviceState(status: .retired))
        }
        #expect(retired?.message(.fr) == "l’appareil PC-0042 est déjà réformé ; rien à faire")
    }
}

@Suite struct LoanTests {
    static let tag = try! AssetTag(parsing: "RTR-0003")

    func loan(
        item: LoanItem = .device(tag), lent: String = "2026-06-01", due: String = "2026-12-01",
        conditionOut: DeviceCondition? = .good, grant: Bool = true
    ) throws(ValidationError) -> Loan {
        try Loan(
            item: item, residentId: 7, lentOn: date(lent), dueOn: date(due), conditionOut: conditionOut,
            agreementVersion: "pret-2026-01", isConnectivityGrant: grant)
    }

    @Test func dueDateNotBeforeLendingDate() throws {
        #expect(try loan(lent: "2026-06-01", due: "2026-06-01").dueOn == date("2026-06-01"))
        let error = validationError { () throws(ValidationError) in
            try loan(lent: "2026-06-02", due: "2026-06-01")
        }
        #expect(error?.field == "due_on" && error?.ruleID == "due_before_lent")
    }

    @Test func deviceLoansRecordConditionOutStockDoesNot() throws {
        #expect(
            validationError { () throws(ValidationError) in try loan(conditionOut: nil) }
                == .missing("condition_out"))
        let sim = try loan(item: .stock(itemId: 2, quantity: 1), conditionOut: nil)
        #expect(sim.assetTag == nil)
        #expect(
            validationError { () throws(ValidationError) in try loan(item: .stock(itemId: 2, quantity: 1)) }?
                .ruleID == "condition_for_devices_only")
        #expect(
            validationError { () throws(ValidationError) in
                try loan(item: .stock(itemId: 2, quantity: 0), conditionOut: nil)
            }?.field == "quantity")
    }

    @Test func agreementVersionRequired() {
        #expect(
            validationError { () throws(ValidationError) in
                try Loan(
                    item: .device(Self.tag), residentId: 1, lentOn: date("2026-01-01"),
                    dueOn: date("2026-02-01"), conditionOut: .good, agreementVersion: " ")
            } == .missing("agreement_version"))
    }

    @Test func overdue() throws {
        let made = try loan()
        #expect(!made.isOverdue(on: date("2026-12-01")))
        #expect(made.isOverdue(on: date("2026-12-03")))
        #expect(made.daysOverdue(on: date("2026-12-03")) == 2)
        let returned = try made.ended(on: date("2026-12-02"), as: .returned, condition: .good)
        #expect(!returned.isOverdue(on: date("2026-12-03")))
        #expect(returned.status == .returned && returned.endedOn == date("2026-12-02"))
    }

    @Test func connectivityGrantRenewsOnce() throws {
        let made = try loan()
        let renewed = try made.renewed(until: date("2027-03-01"))
        #expect(renewed.renewals == 1 && renewed.dueOn == date("2027-03-01"))
        #expect(!renewed.canRenew)
        let refused = refusal { () throws(TransitionRefusal) in try renewed.renewed(until: date("2027-06-01"))
        }
        #expect(refused?.code == "loan.renewal_limit")
        #expect(
            refused?.message(.en)
                == "the loan of RTR-0003 is a connectivity grant already renewed once; it cannot be renewed again"
        )
        #expect(
            refusal { () throws(TransitionRefusal) in try made.renewed(until: date("2026-11-01")) }?.code
                == "loan.due_not_later")
        #expect(
            try loan(grant: false).renewed(until: date("2027-01-01")).renewed(until: date("2027-02-01"))
                .renewals == 2)
        #expect(
            validationError { () throws(ValidationError) in
                try Loan(
                    item: .device(Self.tag), residentId: 1, lentOn: date("2026-01-01"),
                    dueOn: date("2026-02-01"),
                    conditionOut: .good, agreementVersion: "v1", renewals: 2, isConnectivityGrant: true)
            }?.ruleID == "connectivity_renewal_limit")
    }

    @Test func endingRules() throws {
        let made = try loan()
        #expect(
            refusal { () throws(TransitionRefusal) in try made.ended(on: date("2026-12-02"), as: .returned) }?
                .code == "loan.condition_back_missing")
        #expect(
            refusal { () throws(TransitionRefusal) in
                try made.ended(on: date("2026-05-01"), as: .returned, condition: .good)
            }?.code == "loan.end_before_lent")
        let handed = try made.ended(on: date("2026-12-02"), as: .handedOver)
        #expect(handed.status == .handedOver)
        #expect(
            refusal { () throws(TransitionRefusal) in try handed.renewed(until: date("2027-01-01")) }?.code
                == "loan.not_open")
        let sim = try loan(item: .stock(itemId: 2, quantity: 1), conditionOut: nil)
        #expect(
            refusal { () throws(TransitionRefusal) in try sim.ended(on: date("2026-12-02"), as: .returned) }?
                .code == "loan.cannot_end_as")
        #expect(try sim.ended(on: date("2026-12-02"), as: .lost).status == .lost)
    }

    @Test func storedLoansMustBeConsistent() {
        #expect(
            validationError { () throws(ValidationError) in
                try Loan(
                    item: .device(Self.tag), residentId: 1, lentOn: date("2026-01-01"),
                    dueOn: date("2026-02-01"),
                    conditionOut: .good, endedOn: date("2026-01-15"), agreementVersion: "v1", status: .open)
            }?.ruleID == "loan_consistency")
        #expect(
            validationError { () throws(ValidationError) in
                try Loan(
                    item: .device(Self.tag), residentId: 1, lentOn: date("2026-01-01"),
                    dueOn: date("2026-02-01"),
                    conditionOut: .good, agreementVersion: "v1", status: .returned)
            }?.ruleID == "loan_consistency")
    }

    @Test func stockIssuingNeverGoesNegative() throws {
        let sims = try StockItem(kind: .simCard, label: "SIM prépayée 6 mois", quantity: 2)
        #expect(try sims.issuing(2).quantity == 0)
        #expect(
            validationError { () throws(ValidationError) in try sims.issuing(3) }?.ruleID
                == "not_enough_stock")
        #expect(validationError { () throws(ValidationError) in try sims.issuing(0) }?.kind == .outOfRange)
        #expect(try sims.restocking(10).quantity == 12)
        #expect(
            validationError { () throws(ValidationError) in
                try StockItem(kind: .dataTopup, label: "x", quantity: -1)
            }?.kind == .outOfRange)
    }

    @Test func deviceKindComesFromTag() throws {
        let device = try Device(
            assetTag: try AssetTag(parsing: "TAB-0003"), serial: "SN123", origin: .donor, condition: .good)
        #expect(device.kind == .tablet && device.status == .available)
        let data = try JSONEncoder().encode(device)
        #expect(String(decoding: data, as: UTF8.self).contains(#""assetTag":"TAB-0003""#))
        #expect(try JSONDecoder().decode(Device.self, from: data) == device)
    }

    @Test func codableRoundTrip() throws {
        let made = try loan().renewed(until: date("2027-02-01"))
        #expect(try JSONDecoder().decode(Loan.self, from: try JSONEncoder().encode(made)) == made)
    }
}

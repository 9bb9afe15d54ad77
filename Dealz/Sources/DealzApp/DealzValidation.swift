import ExampleSystems

/// What the schemas allow for the values a user gives dealz, checked by the generated encoders
/// (so the rules are the schema's patterns, not a copy of them).
public enum DealzValidation {
    /// Why `symbol` is not a tickz symbol, or nil if it is one.
    public static func problem(withSymbol symbol: String) -> String? {
        do {
            _ = try Valuation(stock: symbol, value: 0).encode()
            return nil
        } catch {
            return "'\(symbol.prefix(40))' is not a symbol the schema allows ([A-Z][A-Z0-9]+)."
        }
    }

    /// Why `user` is not a chatz user name, or nil if it is one.
    public static func problem(withUser user: String) -> String? {
        do {
            _ = try ChatRequest(usr: user).encode()
            return nil
        } catch {
            return "'\(user.prefix(40))' is not a user name the schema allows (letters, digits and _)."
        }
    }

    /// Why `text` cannot be posted to chatz as `user`, or nil if it can.
    public static func problem(withMessage text: String, from user: String) -> String? {
        if let problem = problem(withUser: user) { return problem }
        do {
            _ = try ChatRequest(usr: user, msg: text).encode()
            return nil
        } catch {
            return "the message is not one chatz accepts: \(error)"
        }
    }
}

import FoundationEssentials

/// One value of a command sent to mpv: `["seek", 12.5, "absolute"]`.
enum MPVArgument: Encodable, Equatable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }
}

/// A command as mpv's JSON IPC takes it, one object a line.
struct MPVCommand: Encodable {
    let command: [MPVArgument]
    let requestID: Int

    enum CodingKeys: String, CodingKey {
        case command
        case requestID = "request_id"
    }
}

/// What mpv writes back: an event (`{"event":"property-change","name":"pause","data":true}`)
/// or the answer to a request (`{"request_id":7,"data":12.5,"error":"success"}`).
/// Only the fields hark reads; any other field, and any `data` that is not
/// a number, a boolean or a string, is left aside.
struct MPVMessage: Decodable {
    let event: String?
    let requestID: Int?
    let name: String?
    let reason: String?
    let fileError: String?
    let data: Value?

    enum Value: Decodable, Equatable {
        case bool(Bool)
        case number(Double)
        case string(String)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else {
                self = .other
            }
        }
    }

    var number: Double? { if case .number(let value) = data { value } else { nil } }
    var bool: Bool? { if case .bool(let value) = data { value } else { nil } }

    enum CodingKeys: String, CodingKey {
        case event, name, reason, data
        case requestID = "request_id"
        case fileError = "file_error"
    }

    /// The message on one line, or nil when the line is not a JSON object.
    static func parse(_ line: [UInt8]) -> MPVMessage? {
        try? JSONDecoder().decode(MPVMessage.self, from: Data(line))
    }
}

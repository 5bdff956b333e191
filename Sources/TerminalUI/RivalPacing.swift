/// When the typing screen wakes for a pace caret's or a ghost's own move.
///
/// While keys come (the last less than `rideAlong` ms ago), the rival's moves ride on the keys' frames: each key's
/// frame already shows the rival where it is at that moment, so a move between two keys needs no frame of its own.
/// When no key comes within `rideAlong` ms of the last, the screen wakes and shows the rival where it has got to, and
/// from then on at each of its moves. The rival is never shown more than `rideAlong` ms late; a fast typist's
/// screen draws a frame a key instead of a frame a key plus one a move.
public enum RivalPacing {
    /// How late a rival's move may be shown while keys are coming, in milliseconds.
    public static let rideAlong = 100.0

    /// Milliseconds to wait before drawing the rival's next move, which is `untilMove` ms away; `sinceKey` is how
    /// long ago the last key came (nil before any).
    public static func wait(untilMove: Double, sinceKey: Double?) -> Double {
        guard let sinceKey, sinceKey < rideAlong else { return untilMove }
        return max(untilMove, rideAlong - sinceKey)
    }
}

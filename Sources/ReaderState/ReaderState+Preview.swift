import HarkCore
import TerminalKit

/// A large file opens on its first part (a preview) while the whole file
/// loads: the first screen shows at once. Keys pressed meanwhile wait and are
/// handled, in order, on the whole file when it arrives (a few tenths of a
/// second later), so `G`, a search or a jump always mean the whole file.
/// Only quitting and resizing happen at once.
public struct LoadingRest: Equatable {
    /// What the command line asked for (`--at`, `--search`, highlights),
    /// applied to the whole file.
    var options: ReaderOptions
    /// Keys and mouse events pressed while the rest loads.
    var waiting: [TerminalEvent] = []
}

extension ReaderState {
    /// The state a large file opens in while it loads: its first part
    /// shown, the whole file asked for (`.openFile`, answered with
    /// `.fileOpened` or `.fileFailed`).
    public static func openingPreview(
        _ preview: any ReaderDocument, files: [String], size: Size, colorSupport: ColorSupport,
        options: ReaderOptions = ReaderOptions()
    ) -> (ReaderState, [Effect]) {
        var state = ReaderState(document: preview, files: files, fileIndex: 0, size: size, colorSupport: colorSupport)
        state.loadingRest = LoadingRest(options: options)
        state.opening = 0
        state.message = "loading all of \(files[0])…"
        var effects: [Effect] = [.openFile(index: 0)]
        if !options.mouse {
            state.mouseCaptured = false
            effects.append(.captureMouse(false))
        }
        return (state, effects)
    }

    /// While the rest loads: quit and resize now, everything else later.
    mutating func waitForTheRest(_ event: TerminalEvent) -> [Effect]? {
        guard loadingRest != nil else { return nil }
        switch event {
        case .resize:
            return nil
        case .key(.control("c")):
            return nil
        case .key(let key) where loadingRest?.waiting.isEmpty == true && Keymap.of(focus).command(for: key) == .quit:
            // Only before other keys wait: after `/`, a `q` is a letter of the search.
            return nil
        case .key, .mouse:
            loadingRest?.waiting.append(event)
            return []
        }
    }

    /// The whole file arrived (or could not be read): show it as any file
    /// opens, then handle the keys that waited for it.
    mutating func finishLoading(with result: Result<any ReaderDocument, LoadError>) -> [Effect] {
        guard let pending = loadingRest else { return [] }
        var effects: [Effect]
        var failure: String?
        switch result {
        case .success(let whole):
            let mouseCaptured = self.mouseCaptured
            (self, effects) = Self.opening(
                whole, files: files, fileIndex: 0, size: size, colorSupport: colorSupport, options: pending.options)
            self.mouseCaptured = mouseCaptured
            effects.removeAll { $0 == .captureMouse(false) }  // done when the preview opened
        case .failure(let error):
            // The first part is all there is to read: open it as any file
            // opens (options, warnings), and say why.
            let mouseCaptured = self.mouseCaptured
            (self, effects) = Self.opening(
                document, files: files, fileIndex: 0, size: size, colorSupport: colorSupport, options: pending.options)
            self.mouseCaptured = mouseCaptured
            effects.removeAll { $0 == .captureMouse(false) }
            failure = "could not read all of the file, showing its first part: \(error)"
        }
        for event in pending.waiting { effects += handle(.terminal(event)) }
        if let failure { message = failure }  // after the keys, which would clear it
        return effects
    }
}

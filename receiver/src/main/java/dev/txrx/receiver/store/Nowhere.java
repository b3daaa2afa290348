package dev.txrx.receiver.store;

/** With {@code --discard}: every file is verified and counted, and nothing is kept on disk. */
final class Nowhere implements Destination {

    @Override
    public IncomingFile stage(String name, long mtimeMillis, int mode) {
        return new DiscardedFile();
    }

    @Override
    public IncomingFile reopen(ResumeState.Partial partial, long held, long mtimeMillis, int mode) {
        // never called: nothing is held, so no file goes on from a held part
        throw new IllegalStateException("nothing is held with --discard");
    }

    @Override
    public String temp(IncomingFile file) {
        return "";
    }

    @Override
    public Held.Part held(ResumeState.Partial partial) {
        return null;
    }

    @Override
    public void delete(ResumeState.Partial partial) {
    }

    @Override
    public boolean recover(ResumeState.Publishing publishing) {
        // nothing is journaled on disk with --discard, so nothing is left unfinished
        return false;
    }

    @Override
    public boolean directory(String name, long mtimeMillis, int mode, boolean ours) {
        return false;
    }

    @Override
    public void removeOrphans() {
    }

    @Override
    public void finish() {
    }
}

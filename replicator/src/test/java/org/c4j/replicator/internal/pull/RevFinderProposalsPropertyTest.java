package org.c4j.replicator.internal.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.DatabaseConfig;
import org.c4j.Document;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.wire.ProposalReply;
import org.c4j.replicator.internal.wire.ProposedChange;

/**
 * {@link RevFinder#findProposed} answers each proposal as the document stands, read one by one (the rule in its
 * javadoc), though it reads all the documents of a list at once: 304 for our current revision, 0 for a child of our
 * current revision (or a new document, or a parentless revision over our tombstone), else 409 with our current
 * revision. Documents absent, live, deleted; proposals with and without parents, some with IDs the database refuses.
 */
class RevFinderProposalsPropertyTest {
    private static Path dir;
    private static Database db;
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("revfinder-prop");
        db = Database.open(dir, DatabaseConfig.defaults().withDurable(false));
    }

    @AfterContainer
    static void close() {
        db.close();
        Database.delete(dir);
    }

    /** A document's state before the proposal: 0 absent, 1..3 saves, then deleted if {@code deleted}. */
    record Doc(int saves, boolean deleted) {
    }

    /** A proposal for document {@code doc}: {@code rev} and {@code parent} index its saved revisions (-1: none/new). */
    record Proposal(int doc, int rev, int parent, boolean badId) {
    }

    @Provide
    Arbitrary<List<Doc>> docs() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(true, false)).as(Doc::new)
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Proposal>> proposals() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(-1, 4),
                Arbitraries.integers().between(-1, 3), Arbitraries.frequency(
                        net.jqwik.api.Tuple.of(9, false), net.jqwik.api.Tuple.of(1, true)))
                .as(Proposal::new).list().ofMaxSize(12);
    }

    @Property(tries = 100)
    void eachProposalIsAnsweredAsItsDocumentStands(@ForAll("docs") List<Doc> docs,
                                                   @ForAll("proposals") List<Proposal> proposals) {
        Collection c = db.createCollection(CollectionSpec.of("p" + COLLECTIONS.incrementAndGet()));
        List<List<String>> revs = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            List<String> ids = new ArrayList<>();
            String parent = null;
            for (int s = 0; s < docs.get(i).saves(); s++) {
                parent = c.save("d" + i, parent, Body.fromJson("{\"s\":" + s + "}")).revId();
                ids.add(parent);
            }
            if (parent != null && docs.get(i).deleted()) {
                ids.add(c.delete("d" + i, parent).revId());
            }
            revs.add(ids);
        }
        List<ProposedChange> changes = new ArrayList<>();
        for (Proposal p : proposals) {
            List<String> ids = p.doc() < revs.size() ? revs.get(p.doc()) : List.of();
            String revId = p.rev() >= 0 && p.rev() < ids.size() ? ids.get(p.rev()) : (4 + p.rev()) + "-abcdef";
            String parent = p.parent() >= 0 && p.parent() < ids.size() ? ids.get(p.parent()) : null;
            changes.add(new ProposedChange(p.badId() ? "_bad" + p.doc() : "d" + p.doc(), revId, parent, 10));
        }
        RevFinder finder = new RevFinder(DbAccess.of(db).forCollection(c.spec()), 1, false);
        assertEquals(oneByOne(c, changes), finder.findProposed(changes));
    }

    /** The rule, reading each document by itself (an ID the database refuses is an absent document). */
    private static List<ProposalReply> oneByOne(Collection c, List<ProposedChange> changes) {
        List<ProposalReply> out = new ArrayList<>();
        for (ProposedChange p : changes) {
            Document doc = p.docId().startsWith("_") ? null : c.get(p.docId());
            String current = doc == null ? null : doc.revId();
            if (p.revId().equals(current)) {
                out.add(ProposalReply.ALREADY_HAVE);
            } else if (Objects.equals(current, p.serverRevId())
                    || (p.serverRevId() == null && doc != null && doc.isDeleted())) {
                out.add(ProposalReply.OK);
            } else {
                out.add(ProposalReply.conflict(current));
            }
        }
        return out;
    }
}

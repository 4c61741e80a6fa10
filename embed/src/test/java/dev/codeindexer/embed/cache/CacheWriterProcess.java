package dev.codeindexer.embed.cache;

import dev.codeindexer.embed.FakeEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link CachingEmbeddingModelTest}: writes batches into a cache for ever, printing the number
 * of texts written after each batch, until the test kills it with SIGKILL.
 */
public final class CacheWriterProcess {
    private CacheWriterProcess() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        CachingEmbeddingModel model = CachingEmbeddingModel.open(new FakeEmbeddingModel("fake:kill", 384), dir);
        int next = 0;
        while (true) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add("text " + next++);
            }
            model.embedDocuments(batch);
            System.out.println(next);
            System.out.flush();
        }
    }
}

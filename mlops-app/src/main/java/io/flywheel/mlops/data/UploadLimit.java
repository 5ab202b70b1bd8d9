package io.flywheel.mlops.data;

import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes an upload through until it exceeds its limit, then stops reading it with a 413 problem. */
final class UploadLimit extends FilterInputStream {

    private final long limit;
    private long count;

    UploadLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    private void counted(int read) {
        count += read;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }

    static ProblemException tooLarge(long limit) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the upload is larger than the limit of " + limit
                + " bytes (flywheel.datasets.max-upload-size); split it or raise the limit");
    }
}

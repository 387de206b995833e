"""
``cifal-course build``: Studio's import archive, a ``.tar.gz`` whose single top folder ``course/`` holds
``course.xml`` and the pointer files. The same course gives the same bytes (sorted entries, fixed times, owners
and modes, no gzip name or time), so an archive can be checked into a release and compared.
"""
import gzip
import io
import tarfile
from pathlib import Path

from cifal_course.findings import CourseToolError

TOP_FOLDER = 'course'
FIXED_MTIME = 946684800  # 2000-01-01: any constant; tar needs a time


def build_archive(course_folder, output):
    """Write ``output`` from ``course_folder``; returns the number of files archived."""
    course_folder = Path(course_folder)
    paths = sorted(path for path in course_folder.rglob('*') if not any(part.startswith('.') for part in
                                                                        path.relative_to(course_folder).parts))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode='w', format=tarfile.PAX_FORMAT) as archive:
        archive.addfile(_info(TOP_FOLDER, directory=True))
        count = 0
        for path in paths:
            name = f'{TOP_FOLDER}/{path.relative_to(course_folder).as_posix()}'
            if path.is_symlink():
                raise CourseToolError(f'{path}: a symbolic link; Studio refuses archives with links')
            if path.is_dir():
                archive.addfile(_info(name, directory=True))
            else:
                data = path.read_bytes()
                archive.addfile(_info(name, size=len(data)), io.BytesIO(data))
                count += 1
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, 'wb') as handle, gzip.GzipFile(filename='', mode='wb', fileobj=handle, mtime=0,
                                                     compresslevel=9) as compressed:
        compressed.write(buffer.getvalue())
    return count


def _info(name, directory=False, size=0):
    info = tarfile.TarInfo(name)
    info.mtime = FIXED_MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = ''
    if directory:
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
    else:
        info.mode = 0o644
        info.size = size
    return info

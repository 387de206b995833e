# tutor-contrib-cifal: import the CIFAL course into Studio. The openedx image holds the course, copied at build time
# from the plugin (ADR 13); the image's own cifal-xblocks checks it before Studio sees it.
course_dir="{{ CIFAL_COURSE_DIR_IN_IMAGE }}"
if [ ! -f "$course_dir/course.xml" ]; then
    echo "ERROR: $course_dir/course.xml is missing: this openedx image was built without the cifal plugin." >&2
    echo "       Rebuild it (tutor images build openedx, or tutor local launch), then run this job again." >&2
    exit 1
fi
if ! installed="$(python -c 'from importlib.metadata import version; print(version("cifal-xblocks"))' 2>/dev/null)"; then
    echo "ERROR: this openedx image lacks the CIFAL XBlocks: set CIFAL_XBLOCKS_REQUIREMENT and rebuild it." >&2
    exit 1
fi
echo "INFO: the CIFAL course of tutor-contrib-cifal {{ CIFAL_PLUGIN_VERSION }}, with cifal-xblocks $installed"
if [ "$installed" != "{{ CIFAL_PLUGIN_VERSION }}" ]; then
    echo "WARNING: the course comes with tutor-contrib-cifal {{ CIFAL_PLUGIN_VERSION }} and the blocks are cifal-xblocks" \
        "$installed: install both from the same tag (the check below says whether these blocks accept it)." >&2
fi
if [ "$validate" = 1 ]; then
    cifal-course validate "$course_dir"
fi
./manage.py cms import ../data "$course_dir"
echo "INFO: the CIFAL course is in Studio (re-run this job after an upgrade: the same blocks are updated)."

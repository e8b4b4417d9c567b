def test_a_message_quoting_a_multi_line_value_stays_on_one_line(tmp_path):
    """Found by the fuzz test: a timezone written over two lines was quoted whole, and the
    message, kept as it was in the status file and the play log, split a line in two."""
    from kiosk.content.config import load_config
    from tests.helpers import write_config

    path = write_config(tmp_path, 'schedule:\n  timezone: "10:00\n\n    10:00"\n')
    _, problems = load_config(path)
    (problem,) = problems
    assert "\n" not in problem.message and "10:00\\x0a10:00" in problem.message

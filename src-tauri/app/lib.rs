//! Coffee Chat's Tauri shell: window, commands and plugins around the core.
//!
//! Architecture invariant: no SQL and no business rule here; every command is one core call.

mod commands;
mod error;
mod files;
mod first_view;
mod flush;
mod hidden_page;
mod notifications;
mod resident;
mod scheduler;
mod state;
mod tray;
mod window;

use tauri::{Manager, RunEvent};
use tauri_plugin_autostart::MacosLauncher;

use crate::state::AppState;

pub fn run() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();

    notifications::init_platform();

    let app = tauri::Builder::default()
        // First, so a second launch hands over to the running app before anything starts.
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            window::as_asked(app, &args);
        }))
        .plugin(tauri_plugin_autostart::init(
            MacosLauncher::LaunchAgent,
            Some(vec![window::HIDDEN_ARG]),
        ))
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(window::remember_place())
        .setup(|app| {
            // `--quit` or `--changed` with no app running to tell (it would have taken them).
            let args: Vec<String> = std::env::args().collect();
            if window::only_for_a_running_app(&args) {
                log::info!("Coffee Chat is not running: nothing to tell it");
                std::process::exit(0);
            }
            let hidden = args.iter().any(|arg| arg == window::HIDDEN_ARG);
            // A login item of an earlier version: the tray is the resident part's now.
            if hidden && resident::SEPARATE {
                log::info!("started hidden: starting the resident part instead");
                resident::start();
                std::process::exit(0);
            }
            app.manage(flush::Flushes::default());
            let data_dir = app.path().app_data_dir()?;
            let database_path = data_dir.join(coffeechat_core::store::DATABASE_FILE);
            log::info!("data file: {}", database_path.display());
            app.manage(AppState::new(database_path));
            if !resident::SEPARATE {
                if let Err(error) = tray::build(app.handle()) {
                    log::warn!("no tray icon: {error}");
                }
            }
            // The scheduler opens the data file, off the main thread, before the window is
            // built: the window's first reads wait for it. (After the tray, which it updates.)
            scheduler::start(app.handle().clone());
            if !hidden {
                window::show_as_asked(app.handle(), &args);
            }
            #[cfg(unix)]
            flush::on_signals(app.handle().clone());
            Ok(())
        })
        .on_page_load(flush::on_page_load)
        .on_window_event(|window, event| {
            window::on_event(window, event);
            files::on_event(window, event);
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::retry_data_file,
            commands::reattach_data_file,
            commands::today,
            commands::list_people,
            commands::get_person,
            commands::add_person,
            commands::update_person,
            commands::delete_person,
            commands::suggestions,
            commands::target_fields,
            commands::target_field,
            commands::update_target_field,
            commands::lamp,
            commands::score_organisation,
            commands::create_interview,
            commands::get_interview,
            commands::update_interview,
            commands::move_interview,
            commands::set_interview_stage,
            commands::delete_interview,
            commands::pipeline,
            commands::find_anything,
            commands::progress,
            commands::set_weekly_goal,
            commands::referral_network,
            commands::question_bank,
            commands::prepare_question,
            commands::remove_prepared_question,
            commands::move_prepared_question,
            commands::complete_reminder,
            commands::message_gaps,
            commands::snooze_reminder,
            commands::upcoming_reminders,
            commands::take_pending_reminder,
            commands::page_drawn,
            commands::first_view_ready,
            commands::log_contact,
            commands::list_contacts,
            commands::record_reply,
            commands::get_settings,
            commands::update_settings,
            commands::list_trash,
            commands::restore_from_trash,
            commands::open_data_folder,
            commands::flushed,
            commands::list_templates,
            commands::save_template,
            commands::reset_template,
            commands::get_profile,
            commands::update_profile,
            commands::get_draft,
            commands::mailto_url,
            commands::check_request_text,
            commands::record_request_sent,
            commands::save_message,
            commands::skip_about_you,
            commands::update_prep,
            commands::start_live,
            commands::pause_live,
            commands::resume_live,
            commands::live_state,
            commands::claim_live_cue,
            commands::end_live,
            commands::answer_question,
            commands::save_interview_notes,
            commands::capture_card,
            commands::set_resume_asked,
            commands::add_insight,
            commands::remove_insight,
            commands::choose_insight_to_mention,
            commands::add_referral,
            commands::add_tip,
            commands::complete_tip,
            commands::add_bank_question,
            commands::archive_bank_question,
            commands::restore_bank_question,
            commands::archived_bank_questions,
            commands::choose_import_file,
            commands::preview_import,
            commands::import_file,
            commands::cancel_import,
            commands::undo_import,
            commands::export_data,
            commands::restore_export,
            commands::add_to_calendar,
            commands::list_backups,
            commands::back_up_now,
            commands::set_backups_kept,
            commands::restore_backup,
        ])
        .build(tauri::generate_context!())
        .expect("error while starting Coffee Chat");

    app.run(|app, event| match event {
        // Closing the last window keeps the app in the tray, unless the tray is the resident
        // part's; only Quit (an exit with a code) ends it.
        RunEvent::ExitRequested {
            code: None, api, ..
        } if !resident::SEPARATE => api.prevent_exit(),
        RunEvent::Exit => flush::on_exit(app),
        _ => {}
    });
}
